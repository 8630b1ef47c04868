"""The site's deployed address, and every URL made from it, as valid URIs.

One rule for the base: ``normalise_site_url`` turns what an editor or Read
the Docs wrote (``SITE_URL``, ``READTHEDOCS_CANONICAL_URL``, ``html_baseurl``)
into the one address every consumer gets (canonical links, OpenGraph, the
sitemap, feeds, JSON-LD, ``robots.txt``, the 404 page).  One rule for paths:
``encode_path`` percent-encodes a page's path once (a post named
``décider-à-l'été`` is served at ``d%C3%A9cider-%C3%A0-l'%C3%A9t%C3%A9``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: What a path keeps as written (RFC 3986 pchar and "/"); "%" is kept only
#: when it starts an escape already there (see ``encode_path``).
PATH_SAFE = "/:@-._~!$&'()*+,;=%"

#: A query or fragment may also hold "?" and "/" as they are.
_QUERY_SAFE = PATH_SAFE + "?"

#: A "%" that does not start an escape ("%" and two hex digits) stands for itself.
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

#: Settings that hold the site's address, checked at ``config-inited``
#: (sphinx-sitemap's ``site_url`` and sphinxext-opengraph's own, when set).
ADDRESS_SETTINGS = ("html_baseurl", "site_url", "ogp_site_url", "ogp_canonical_url")

EXPECTED_FORM = "an absolute http(s) address of the site's root folder, such as 'https://example.org/blog/'"


class SiteAddressError(ValueError):
    """A text that cannot be a site's address; the message says why."""


def encode_path(path: str) -> str:
    """``path`` percent-encoded as a URI path: non-ASCII, spaces, "?", "#" and lone "%".

    Idempotent: an escape already there (``%C3%A9``) is kept, never encoded twice.
    """
    return quote(_LONE_PERCENT.sub("%25", path), safe=PATH_SAFE)


def encode_url(url: str) -> str:
    """An absolute or relative URL with its path, query and fragment percent-encoded once.

    The scheme and host are kept as written (an address made from the
    normalised base already has an ASCII host).
    """
    parts = urlsplit(url)
    return urlunsplit(
        (
            parts.scheme,
            parts.netloc,
            encode_path(parts.path),
            quote(_LONE_PERCENT.sub("%25", parts.query), safe=_QUERY_SAFE),
            quote(_LONE_PERCENT.sub("%25", parts.fragment), safe=_QUERY_SAFE),
        )
    )


def url_of(base: str, target: str) -> str:
    """The absolute URL of a builder's target (``posts/x/``, ``posts/x.html``) under ``base``.

    ``base`` is a normalised site address (``normalise_site_url``); with an
    empty base the encoded relative target is returned.
    """
    return urljoin(base, encode_path(target))


def _host(parts: object, text: str) -> str:
    """The lower-cased ASCII ``host[:port]`` of a split address; raises ``SiteAddressError``."""
    hostname = parts.hostname  # type: ignore[attr-defined]
    if not hostname:
        raise SiteAddressError(f"{text!r} has no host name")
    if parts.username is not None or parts.password is not None:  # type: ignore[attr-defined]
        raise SiteAddressError(f"{text!r} holds a user name or password; every page would show it")
    try:
        port = parts.port  # type: ignore[attr-defined]
    except ValueError as error:
        raise SiteAddressError(f"{text!r} has an invalid port ({error})") from None
    try:
        ascii_host = hostname.encode("idna").decode("ascii") if not hostname.isascii() else hostname
    except UnicodeError as error:
        raise SiteAddressError(f"{text!r} has a host name that is not valid ({error})") from None
    if ":" in ascii_host:  # an IPv6 address keeps its brackets
        ascii_host = f"[{ascii_host}]"
    return ascii_host.lower() + (f":{port}" if port is not None else "")


def normalise_site_url(text: str) -> str:
    """The site address ``text`` in the one form every URL is built from.

    ``'HTTPS://Example.ORG/blog'`` becomes ``'https://example.org/blog/'``:
    scheme and host in lower case (a non-ASCII host in its IDNA form), the
    path percent-encoded once and ending with "/".  A site address names a
    folder, so a path without a final slash gets one (``urljoin`` would
    otherwise drop its last segment, and sphinx-sitemap glue pages onto it:
    ``https://example.org/blogindex.html``).  Surrounding whitespace is
    ignored.

    Raises ``SiteAddressError`` (a ``ValueError``) for what cannot be a
    site's address: an empty text, whitespace inside, no scheme or one other
    than http/https, no host, credentials, a bad port, a query string or a
    fragment (``?`` or ``#``, even empty).
    """
    written = text.strip()
    if not written:
        raise SiteAddressError("the address is empty")
    if re.search(r"\s", written):
        raise SiteAddressError(f"{written!r} contains whitespace")
    parts = urlsplit(written)
    if parts.scheme.lower() not in ("http", "https") or not written.lower().startswith(f"{parts.scheme.lower()}://"):
        raise SiteAddressError(f"{written!r} does not start with http:// or https://")
    if "?" in written or "#" in written:
        raise SiteAddressError(f"{written!r} has a query string or a fragment ('?' or '#'); a site address has neither")
    host = _host(parts, written)
    path = encode_path(parts.path or "/")
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme.lower(), host, path, "", ""))


def check_site_address(app: Sphinx, config: Config) -> None:
    """``config-inited``: every address setting normalised, or the build stops naming it.

    A site that sets ``html_baseurl`` in ``conf.py`` gets the same checks
    and the same form as one that gives ``SITE_URL``.  Raises
    ``sphinx.errors.ConfigError``.
    """
    for name in ADDRESS_SETTINGS:
        value = getattr(config, name, None) if name in config else None
        if not value:
            continue  # unset: no absolute URL is written from it
        if not isinstance(value, str):
            raise ConfigError(f"{name} should be {EXPECTED_FORM}; got {value!r}")
        try:
            normalised = normalise_site_url(value)
        except SiteAddressError as error:
            raise ConfigError(f"{name} should be {EXPECTED_FORM}: {error}") from None
        setattr(config, name, normalised)


def setup_site_address(app: Sphinx) -> None:
    # Early: the other extensions' handlers (sphinx-sitemap, opengraph) read the normalised values.
    app.connect("config-inited", check_site_address, priority=100)
