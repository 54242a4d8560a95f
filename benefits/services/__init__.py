"""The benefits app's services: the only place benefits and measurements change."""
