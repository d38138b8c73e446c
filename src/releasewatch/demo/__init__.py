"""The bundled sample news site for `releasewatch demo` and the end-to-end tests."""
