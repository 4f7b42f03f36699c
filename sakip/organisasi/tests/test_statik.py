"""Production static files: `collectstatic` with the manifest storage must succeed (it refuses a vendored file that
references a missing one, e.g. a source map), else a deployment fails at its first step."""

from django.core.management import call_command


def test_collectstatic_with_the_production_storage_succeeds(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "chart.umd.min" in manifest
    assert "htmx" in manifest
