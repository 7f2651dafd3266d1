"""Schemathesis hooks for .ci/schemathesis: send a layout's TOML text as it is.

PUT /api/v1/conferences/{id}/layouts/{kind}.toml takes the TOML file itself
(application/toml, a string); Schemathesis has no serializer for that media type.
"""
import schemathesis

schemathesis.serializer.alias("application/toml", "text/plain")
