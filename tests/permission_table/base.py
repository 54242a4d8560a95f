LOGIN = "login"  # the expected answer is a redirect to the login page
NOT_FOUND = 404
