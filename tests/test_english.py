"""The English-text check itself: it finds English on a Norwegian page and stays quiet on a
Norwegian one (tests/english.py). Every GET in the permission table and every page a browser
test checks runs it."""

from tests.english import assert_no_english, english_in, english_phrases, visible_text


def test_the_phrases_include_djangos_untranslated_blank_choice_and_our_own_messages():
    phrases = english_phrases()
    assert "- Select an option -" in phrases
    assert "This field is required." in phrases
    assert "Waiting for you" in phrases  # one of ours


def test_it_finds_english_in_a_norwegian_page():
    page = (
        '<html lang="nb"><body><select><option>- Select an option -</option></select></body></html>'
    )
    assert english_in(visible_text(page)) == ["- Select an option -"]


def test_it_is_quiet_on_norwegian_text_and_on_english_pages():
    assert english_in("Venter på deg: 3 nye søknader. Velg vedtak.") == []
    assert_no_english('<html lang="en"><body>Waiting for you</body></html>')


def test_scripts_and_attributes_are_not_text():
    page = (
        '<html lang="nb"><body><script>var x = "Waiting for you";</script>'
        '<p title="x">Hei</p></body></html>'
    )
    assert english_in(visible_text(page)) == []
