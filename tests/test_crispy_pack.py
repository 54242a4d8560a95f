"""The `designsystemet` crispy-forms template pack: accessible markup with Designsystemet classes.

Forms are rendered through Django templates exactly as pages do (`{% crispy form %}` and
`{{ form|crispy }}`) and the output is parsed, so the assertions are about the HTML a screen
reader or a browser would meet: labels tied to inputs, descriptions tied to inputs, an error
summary that links to the invalid fields. No database is needed.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Button, ButtonHolder, Div, Fieldset, Layout, Submit
from django import forms
from django.core.validators import RegexValidator
from django.template import Context, Template
from django.utils import translation

AREAS = [("lademoen", "Lademoen"), ("mollenberg", "Møllenberg"), ("tempe", "Tempe-Sorgenfri")]
TOPICS = [("housing", "Housing"), ("parks", "Parks"), ("culture", "Culture")]


class ContactForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As written on your bank card.")
    email = forms.EmailField(required=False)
    area = forms.ChoiceField(choices=AREAS, widget=forms.RadioSelect, help_text="Choose one.")
    consent = forms.BooleanField(label="I agree to be contacted")
    topics = forms.MultipleChoiceField(
        choices=TOPICS, widget=forms.CheckboxSelectMultiple, required=False
    )
    message = forms.CharField(widget=forms.Textarea, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("message") == "spam":
            raise forms.ValidationError("This looks like spam.")
        return cleaned


class LaidOutForm(ContactForm):
    def __init__(self, *args, form_tag=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = form_tag
        self.helper.layout = Layout(
            Fieldset("About you", "name", "email"),
            Div("area", "consent", "topics", "message", css_class="stack"),
            ButtonHolder(Submit("save", "Save"), Button("cancel", "Cancel")),
        )


class WidgetsForm(forms.Form):
    age = forms.IntegerField()
    moved_in = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(widget=forms.PasswordInput)
    area = forms.ChoiceField(choices=AREAS)
    areas = forms.MultipleChoiceField(choices=AREAS)
    attachment = forms.FileField(required=False)
    story = forms.CharField(widget=forms.Textarea)


class PostcodeForm(forms.Form):
    postcode = forms.CharField(min_length=4, validators=[RegexValidator(r"^\d+$", "Digits only.")])


VALID = {"name": "Kari Nordmann", "area": "tempe", "consent": "on", "topics": ["parks"]}
# name missing, e-mail malformed, no area, no consent; topics and message are fine.
INVALID = {"email": "not-an-address", "topics": ["parks"], "message": "Hello"}

TAG = "{% load crispy_forms_tags %}{% crispy form %}"
FILTER = "{% load crispy_forms_tags %}{{ form|crispy }}"
BOTH_WAYS = pytest.mark.parametrize("template", [TAG, FILTER], ids=["crispy_tag", "crispy_filter"])


# --- A small DOM built with the standard library's HTML parser ---------------------------

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict
    parent: "Node | None" = None
    children: list = field(default_factory=list)

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find_all(self, tag: str, css_class: str | None = None) -> list["Node"]:
        return [
            n for n in self.walk() if n.tag == tag and (css_class is None or n.has_class(css_class))
        ]

    def has_class(self, css_class: str) -> bool:
        return css_class in (self.attrs.get("class") or "").split()

    def ancestor(self, tag: str) -> "Node | None":
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node

    def described_by(self) -> list[str]:
        return (self.attrs.get("aria-describedby") or "").split()


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.root = Node("#root", {})
        self.current = self.root
        self.repeated_attributes = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.repeated_attributes.append((tag, names))
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)

    def find_all(self, tag, css_class=None):
        return self.root.find_all(tag, css_class)

    def by_id(self, element_id: str) -> Node | None:
        matches = [n for n in self.root.walk() if n.attrs.get("id") == element_id]
        assert len(matches) <= 1, f"id {element_id!r} is used {len(matches)} times"
        return matches[0] if matches else None

    def controls(self) -> list[Node]:
        """Every input, select and textarea a person can operate (hidden inputs aside)."""
        return [
            n
            for n in self.root.walk()
            if n.tag in {"input", "select", "textarea"} and n.attrs.get("type") != "hidden"
        ]

    def label_for(self, element_id: str) -> Node | None:
        labels = [n for n in self.find_all("label") if n.attrs.get("for") == element_id]
        return labels[0] if labels else None


def render(template: str, form: forms.Form) -> Page:
    with translation.override("en"):
        html = Template(template).render(Context({"form": form, "csrf_token": "test-token"}))
    return Page(html)


def summary(page: Page) -> Node | None:
    summaries = page.find_all("ds-error-summary", "ds-error-summary")
    assert len(summaries) <= 1
    return summaries[0] if summaries else None


# --- Labels and fields ------------------------------------------------------------------


@BOTH_WAYS
def test_every_label_is_tied_to_an_input_by_for_and_id(template):
    page = render(template, ContactForm())

    for label in page.find_all("label"):
        target = page.by_id(label.attrs.get("for", ""))
        assert target is not None, f"label {label.text()!r} points at nothing"
        assert target.tag in {"input", "select", "textarea"}
        assert label.has_class("ds-label")
    for control in page.controls():
        assert page.label_for(control.attrs["id"]) is not None, f"{control.attrs} has no label"


@BOTH_WAYS
def test_each_field_is_a_ds_field_with_a_ds_input(template):
    page = render(template, ContactForm())

    for control in page.controls():
        assert control.has_class("ds-input"), control.attrs
        assert control.ancestor("ds-field").has_class("ds-field")
    name_field = page.by_id("id_name").ancestor("ds-field")
    assert [n.tag for n in name_field.children if isinstance(n, Node)] == ["label", "div", "input"]
    assert page.by_id("id_message").tag == "textarea"


def test_every_other_widget_is_a_labelled_ds_input_in_a_ds_field():
    page = render(TAG, WidgetsForm())

    expected = {
        "id_age": ("input", "number"),
        "id_moved_in": ("input", "date"),
        "id_secret": ("input", "password"),
        "id_area": ("select", None),
        "id_areas": ("select", None),
        "id_attachment": ("input", "file"),
        "id_story": ("textarea", None),
    }
    for element_id, (tag, input_type) in expected.items():
        control = page.by_id(element_id)
        assert (control.tag, control.attrs.get("type")) == (tag, input_type)
        assert control.has_class("ds-input")
        assert control.ancestor("ds-field") is page.label_for(element_id).ancestor("ds-field")
    assert "multiple" in page.by_id("id_areas").attrs
    assert page.find_all("form")[0].attrs["enctype"] == "multipart/form-data"


def test_a_single_checkbox_comes_before_its_label():
    page = render(TAG, ContactForm())

    checkbox = page.by_id("id_consent")
    siblings = [n for n in checkbox.parent.children if isinstance(n, Node)]
    assert checkbox.attrs["type"] == "checkbox"
    assert siblings.index(checkbox) < siblings.index(page.label_for("id_consent"))


@BOTH_WAYS
def test_the_required_marker_is_shown_on_required_fields_only(template):
    page = render(template, ContactForm())

    def marked(node):
        return any(tag.text() == "Required" for tag in node.find_all("span", "ds-tag"))

    assert marked(page.label_for("id_name"))
    assert marked(page.label_for("id_consent"))
    assert marked(page.by_id("id_area_0").ancestor("fieldset").find_all("legend")[0])
    assert not marked(page.label_for("id_email"))
    assert not marked(page.label_for("id_message"))
    assert not marked(page.by_id("id_topics_0").ancestor("fieldset").find_all("legend")[0])


@BOTH_WAYS
def test_help_text_describes_its_field_even_without_errors(template):
    page = render(template, ContactForm())

    assert page.by_id("id_name").described_by() == ["id_name_helptext"]
    assert page.by_id("id_name_helptext").text() == "As written on your bank card."
    assert page.by_id("id_email").described_by() == []


@BOTH_WAYS
def test_a_radio_group_is_a_fieldset_with_a_legend(template):
    page = render(template, ContactForm())

    for name, count in [("area", len(AREAS)), ("topics", len(TOPICS))]:
        options = [page.by_id(f"id_{name}_{index}") for index in range(count)]
        groups = {option.ancestor("fieldset") for option in options}
        assert len(groups) == 1
        group = groups.pop()
        assert group.has_class("ds-fieldset")
        legend = next(child for child in group.children if isinstance(child, Node))
        assert legend.tag == "legend"
        assert legend.has_class("ds-label")
        for option in options:
            assert option.has_class("ds-input")
            assert option.ancestor("ds-field").has_class("ds-field")
            assert page.label_for(option.attrs["id"]).text()
    assert page.label_for("id_area_0").text() == "Lademoen"


# --- Errors -----------------------------------------------------------------------------


@BOTH_WAYS
def test_an_invalid_field_is_described_by_its_error_and_help_text(template):
    page = render(template, ContactForm(data=INVALID))

    name = page.by_id("id_name")
    assert name.described_by() == ["id_name_helptext", "id_name_error"]
    assert page.by_id("id_name_helptext") is not None
    error = page.by_id("id_name_error")
    assert error.has_class("ds-validation-message")
    # No data-field="validation": the server ties the message to the input, and the ds-field
    # web component would otherwise add its id a second time.
    assert "data-field" not in error.attrs
    assert error.text() == "This field is required."
    assert page.by_id("id_email").described_by() == ["id_email_error"]
    assert page.by_id("id_consent").described_by() == ["id_consent_error"]


@BOTH_WAYS
def test_a_group_error_and_help_text_describe_every_option(template):
    page = render(template, ContactForm(data=INVALID))

    error = page.by_id("id_area_error")
    assert error.parent.has_class("ds-fieldset")
    for index in range(len(AREAS)):
        option = page.by_id(f"id_area_{index}")
        assert option.described_by() == ["id_area_helptext", "id_area_error"]
        assert option.attrs.get("aria-invalid") == "true"


@BOTH_WAYS
def test_aria_invalid_is_only_on_fields_with_errors(template):
    page = render(template, ContactForm(data=INVALID))

    invalid = {c.attrs["id"] for c in page.controls() if c.attrs.get("aria-invalid") == "true"}
    assert invalid == {"id_name", "id_email", "id_consent", "id_area_0", "id_area_1", "id_area_2"}
    assert not {c.attrs.get("aria-invalid") for c in page.controls()} - {None, "true"}


@BOTH_WAYS
def test_described_by_only_names_elements_that_exist_and_no_attribute_is_repeated(template):
    page = render(template, ContactForm(data=INVALID))

    for control in page.controls():
        ids = control.described_by()
        assert len(ids) == len(set(ids)), ids
        for element_id in ids:
            assert page.by_id(element_id) is not None, f"{element_id} does not exist"
    assert page.repeated_attributes == []


def test_several_errors_on_one_field_are_separate_paragraphs_in_one_message():
    page = render(FILTER, PostcodeForm(data={"postcode": "ab"}))

    messages = page.find_all("div", "ds-validation-message")
    assert [m.attrs["id"] for m in messages] == ["id_postcode_error"]
    paragraphs = [p.text() for p in messages[0].find_all("p")]
    assert len(paragraphs) == 2
    assert "Digits only." in paragraphs


# --- Error summary ----------------------------------------------------------------------


@BOTH_WAYS
def test_the_error_summary_links_to_each_invalid_field(template):
    page = render(template, ContactForm(data=INVALID))

    box = summary(page)
    assert box is not None
    heading = box.find_all("h2", "ds-heading")[0]
    assert heading.text() == "To continue, correct the following:"
    links = box.find_all("ul")[0].find_all("a")
    targets = [link.attrs["href"] for link in links]
    assert targets == ["#id_name", "#id_email", "#id_area_0", "#id_consent"]
    for target in targets:
        assert page.by_id(target.removeprefix("#")).tag in {"input", "textarea", "select"}
    assert links[1].text() == "Enter a valid email address."


@BOTH_WAYS
def test_the_error_summary_comes_before_the_fields(template):
    page = render(template, ContactForm(data=INVALID))

    assert page.html.index("<ds-error-summary") < page.html.index('id="id_name"')


@BOTH_WAYS
def test_non_field_errors_are_listed_in_the_summary_without_a_link(template):
    page = render(template, ContactForm(data={**VALID, "message": "spam"}))

    items = summary(page).find_all("li")
    assert [item.text() for item in items] == ["This looks like spam."]
    assert items[0].find_all("a") == []


@BOTH_WAYS
def test_an_unbound_form_has_no_error_summary_and_nothing_is_invalid(template):
    page = render(template, ContactForm())

    assert summary(page) is None
    assert "aria-invalid" not in page.html
    assert page.find_all("div", "ds-validation-message") == []


@BOTH_WAYS
def test_a_valid_bound_form_has_no_error_summary_and_nothing_is_invalid(template):
    form = ContactForm(data=VALID)
    assert form.is_valid()

    page = render(template, form)

    assert summary(page) is None
    assert "aria-invalid" not in page.html


# --- Layout objects ---------------------------------------------------------------------


def test_a_layout_renders_fieldset_div_and_buttons_with_designsystemet_classes():
    page = render(TAG, LaidOutForm())

    form = page.find_all("form")[0]
    assert form.attrs["method"] == "post"
    fieldset = page.by_id("id_name").ancestor("fieldset")
    assert fieldset.has_class("ds-fieldset")
    legend = fieldset.find_all("legend")[0]
    assert legend.has_class("ds-heading")
    assert legend.attrs["data-size"] == "xs"
    assert legend.text() == "About you"
    assert page.by_id("id_email").ancestor("fieldset") is fieldset
    stack = page.find_all("div", "stack")[0]
    assert page.by_id("id_area_0") in list(stack.walk())
    assert page.by_id("id_message") in list(stack.walk())
    actions = page.find_all("div", "form-actions")
    assert len(actions) == 1
    save, cancel = actions[0].find_all("button")
    assert save.has_class("ds-button")
    assert (save.attrs["type"], save.attrs["data-variant"], save.attrs["name"]) == (
        "submit",
        "primary",
        "save",
    )
    assert save.text() == "Save"
    assert cancel.has_class("ds-button")
    assert (cancel.attrs["type"], cancel.attrs["data-variant"]) == ("button", "secondary")


def test_a_layout_form_keeps_its_error_summary_and_field_errors():
    page = render(TAG, LaidOutForm(data=INVALID))

    links = summary(page).find_all("a")
    assert [link.attrs["href"] for link in links] == [
        "#id_name",
        "#id_email",
        "#id_area_0",
        "#id_consent",
    ]
    assert page.by_id("id_name").described_by() == ["id_name_helptext", "id_name_error"]


def test_form_tag_off_leaves_out_the_form_element_but_not_the_fields():
    page = render(TAG, LaidOutForm(form_tag=False))

    assert page.find_all("form") == []
    assert page.by_id("id_name") is not None
    assert page.find_all("button", "ds-button")


def test_labels_hidden_by_the_helper_stay_available_to_screen_readers():
    form = LaidOutForm()
    form.helper.form_show_labels = False
    page = render(TAG, form)

    assert page.label_for("id_name").has_class("ds-sr-only")
    assert (
        page.by_id("id_area_0").ancestor("fieldset").find_all("legend")[0].has_class("ds-sr-only")
    )


def test_as_crispy_field_renders_one_field_with_its_label_and_description():
    form = ContactForm(data=INVALID)
    page = render("{% load crispy_forms_tags %}{{ form.name|as_crispy_field }}", form)

    assert page.label_for("id_name").text() == "Full name Required"
    assert page.by_id("id_name").described_by() == ["id_name_helptext", "id_name_error"]
    assert page.by_id("id_name_error") is not None


# --- Content Security Policy ------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "form_class"),
    [(TAG, ContactForm), (FILTER, ContactForm), (TAG, LaidOutForm)],
    ids=["crispy_tag", "crispy_filter", "layout"],
)
def test_the_output_has_no_inline_style_or_script(template, form_class):
    page = render(template, form_class(data=INVALID))

    assert not re.search(r"\sstyle\s*=", page.html)
    assert all("style" not in node.attrs for node in page.root.walk())
    assert page.find_all("script") == []
