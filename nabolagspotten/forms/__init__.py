"""Forms, one module per part of Nabolagspotten."""
