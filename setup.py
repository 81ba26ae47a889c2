"""Installer for the seimg package."""

from pathlib import Path
from setuptools import find_packages
from setuptools import setup


long_description = "\n\n".join(
    Path(name).read_text(encoding="utf-8") for name in ("README.md", "CHANGES.md")
)

setup(
    name="seimg",
    version="0.1.0.dev0",
    description=(
        "Electronic process and document system (SEI) for Brazilian public "
        "bodies, as a Plone 6.2 add-on"
    ),
    long_description=long_description,
    long_description_content_type="text/markdown",
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Plone",
        "Framework :: Plone :: 6.2",
        "Framework :: Plone :: Addon",
        "Programming Language :: Python :: 3.11",
        "License :: OSI Approved :: GNU General Public License v2 (GPLv2)",
        "Natural Language :: Portuguese (Brazilian)",
    ],
    keywords="Plone SEI processo eletrônico documentos",
    license="GPL version 2",
    package_dir={"": "src"},
    packages=find_packages("src"),
    include_package_data=True,
    zip_safe=False,
    python_requires=">=3.11,<3.12",
    install_requires=[
        # collective.documentgenerator 4.0 still imports pkg_resources.
        "setuptools<81",
        "Plone==6.2.2",
        # plone.app.layout 7 pre-releases break Plone 6.2.2's ZCML.
        "plone.app.layout<7",
        "plone.api",
        "plone.app.dexterity",
        # Security advisory of 2026-08-31.
        "plone.restapi>=10.0.4",
        "plone.autoform>=3.0.1",
        "collective.documentgenerator==4.0",
        # CPF and CNPJ check digits.
        "validate-docbr",
        # Adesão files: YAML and XLSX.
        "PyYAML",
        "openpyxl",
        # The local SMTP sink of `make start` and the tests.
        "aiosmtpd",
        # Uploaded files: content type sniffed from the bytes (pure Python).
        "puremagic",
        # Business days: national, Minas Gerais and municipal holidays.
        "holidays",
        # Assinatura: QR code of the authenticity deep link.
        "segno",
        # PAdES-sealed PDFs of signed documents.
        "pyhanko",
        "cryptography",
        # Gerar PDF do processo: assembly, bookmarks, page stamps.
        "pypdf",
        # Pesquisa: Snowball Portuguese stemming (C, with wheels).
        "PyStemmer",
        # Pesquisa: escaped snippets; text of uploaded DOCX and ODT files.
        "MarkupSafe",
        "python-docx",
        "lxml",
        # Escala: the site on PostgreSQL (history-free RelStorage, zodbconvert)
        # and seimg's shared state there (jobs, limits, numbers, idempotency).
        "RelStorage",
        "psycopg2-binary",
    ],
    extras_require={
        "test": [
            "plone.app.testing",
            "plone.testing",
            "pytest",
            "pytest-plone",
            "requests",
            "playwright",
            # Generated DOCX files are opened in the tests.
            "python-docx",
            # The REST contract: docs/openapi.yaml validated and fuzzed.
            "openapi-spec-validator",
            "schemathesis",
            "ruff",
            "zpretty",
            # Package layering (make lint and the suite): .importlinter
            "import-linter",
            "i18ndude",
            "zc.buildout<6",
            "plone.recipe.zope2instance",
        ],
    },
    entry_points={
        "z3c.autoinclude.plugin": ["target = plone"],
        "console_scripts": [
            "seimg-libreoffice = seimg.geracao.supervisor:main",
            "seimg-python-uno = seimg.geracao.unopython:main",
            "seimg-smtp-sink = seimg.base.smtpsink:main",
        ],
    },
)
