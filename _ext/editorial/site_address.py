"""The site's deployed address, and every URL made from it, as valid URIs.

One rule for the base: ``normalise_site_url`` turns what an editor or Read
the Docs wrote (``SITE_URL``, ``READTHEDOCS_CANONICAL_URL``, ``html_baseurl``)
into the one address every consumer gets (canonical links, OpenGraph, the
sitemap, feeds, JSON-LD, ``robots.txt``, the 404 page).  One rule for paths:
``encode_path`` percent-encodes a page's path once (a post named
``décider-à-l'été`` is served at ``d%C3%A9cider-%C3%A0-l%27%C3%A9t%C3%A9``), and
``encode_url`` does the same for any link written out (feed entries).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, quote, urljoin, urlsplit, urlunsplit

from sphinx.errors import ConfigError

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

#: What the path of one of the site's pages keeps as written, besides ASCII
#: letters, digits and "-._~": the rule of Sphinx's html builder, whose
#: ``get_target_uri`` is ``quote(docname)``, so that dirhtml and html address
#: a page alike (``l'été`` is ``l%27%C3%A9t%C3%A9``).  A "%" in a file name is
#: a character of the name: it is encoded (``100%-vrai`` is ``100%25-vrai``).
PATH_SAFE = "/"

#: What any other URL's path keeps (RFC 3986 pchar and "/"): its reserved
#: characters may mean something to its server, so only what cannot be in a URI is encoded.
URL_PATH_SAFE = "/:@-._~!$&'()*+,;=%"

#: A query or fragment may also hold "?" as it is.
_QUERY_SAFE = URL_PATH_SAFE + "?"

#: A "%" that does not start an escape ("%" and two hex digits) stands for itself.
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

#: Settings that hold the site's address, checked at ``config-inited``
#: (sphinx-sitemap's ``site_url`` and sphinxext-opengraph's own, when set).
ADDRESS_SETTINGS = ("html_baseurl", "site_url", "ogp_site_url", "ogp_canonical_url")

EXPECTED_FORM = "an absolute http(s) address of the site's root folder, such as 'https://example.org/blog/'"


class SiteAddressError(ValueError):
    """A text that cannot be a site's address; the message says why."""


def _encode(text: str, safe: str) -> str:
    return quote(_LONE_PERCENT.sub("%25", text), safe=safe)


def encode_path(path: str) -> str:
    """A path of the site as written in its files (a docname, a feed's path) as a URI path.

    ``"posts/décider-à-l'été/"`` gives ``"posts/d%C3%A9cider-%C3%A0-l%27%C3%A9t%C3%A9/"``;
    spaces, "?", "#" and "%" are encoded too: the path is raw text, never
    already encoded (``posts/%00`` is the file ``%00.md``, ``posts/%2500``).
    """
    return quote(path, safe=PATH_SAFE)


def page_path(builder: Builder, docname: str) -> str:
    """The URI path of a page under the site's root, encoded once whatever the builder.

    The html builder's ``get_target_uri`` is already ``quote(docname) + ".html"``;
    dirhtml's is the raw ``docname + "/"``.
    """
    target = builder.get_target_uri(docname)
    quoted = quote(docname)
    if quoted != docname and target.startswith(quoted):
        return target
    return encode_path(target)


def page_url(base: str, builder: Builder, docname: str) -> str:
    """The absolute URL of a page (``base`` a normalised site address, or "" for a relative one)."""
    return urljoin(base, page_path(builder, docname))


def encode_url(url: str) -> str:
    """A URL with what cannot be in a URI percent-encoded, once; query and fragment as data.

    A relative URL (no scheme, no host) points into the site: its path
    follows ``encode_path`` (``../posts/l'été/`` gives ``../posts/l%27%C3%A9t%C3%A9/``).
    Another site's path keeps its reserved characters, which may mean
    something to its server (``https://fr.wikipedia.org/wiki/Été_(saison)``
    gives ``.../wiki/%C3%89t%C3%A9_(saison)``); scheme and host are kept.
    A text ``urlsplit`` cannot read (an unclosed "[") is encoded whole, "[" included.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return _encode(url, _QUERY_SAFE + "#")
    # A link of a written page: Sphinx already encoded it (html) or not (dirhtml); an escape there stays.
    path_safe = URL_PATH_SAFE if parts.scheme or parts.netloc else PATH_SAFE + "%"
    path, query, fragment = (
        _encode(parts.path, path_safe),
        _encode(parts.query, _QUERY_SAFE),
        _encode(parts.fragment, _QUERY_SAFE),
    )
    return urlunsplit((parts.scheme, parts.netloc, path, query, fragment))


def url_of(base: str, target: str) -> str:
    """The absolute URL of a path of the site as written in its files (``feeds/atom.xml``) under ``base``.

    ``base`` is a normalised site address (``normalise_site_url``); with an
    empty base the encoded relative target is returned.
    """
    return urljoin(base, encode_path(target))


def _host(parts: SplitResult, text: str) -> str:
    """The lower-cased ASCII ``host[:port]`` of a split address; raises ``SiteAddressError``."""
    hostname = parts.hostname
    if not hostname:
        raise SiteAddressError(f"{text!r} has no host name")
    if parts.username is not None or parts.password is not None:
        raise SiteAddressError(f"{text!r} holds a user name or password; every page would show it")
    try:
        port = parts.port
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
    path = _encode(parts.path or "/", URL_PATH_SAFE)
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
        value = getattr(config, name, None)  # None: an extension not loaded
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
