"""The municipality's people and organisation: the user model (e-mail login), the staff
roles (groups), organisational units (enheter), the login and password pages."""
