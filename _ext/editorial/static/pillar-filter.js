/* The old address /posts/?pillar=<slug>: only that pillar's posts.
 *
 * The page lists every post, grouped by pillar (one section per pillar, with
 * the id "<prefix><key>": the prefix comes from the page, in the script's
 * data-anchor-prefix, and the key is the pillar's slug normalised by
 * slugKey, the rule of the extension's model.slugify).  The words come from
 * the page too (data-no-match, data-pillar-heading, data-show-all), in the
 * site's language, "%s" standing for the pillar.  The page stays complete
 * without JavaScript.  The query string is data: it is only normalised,
 * compared with ids and written as text (textContent), never parsed as HTML.
 *
 * Under Node (tests), the file only exports slugKey.
 */
(function () {
  "use strict";

  var GROUP_CLASS = "editorial-archive-group";
  // What NFKD does not take apart into ASCII, spelled out before it (model._SPELLED_OUT).
  var SPELLED_OUT = {
    "\u0153": "oe", "\u0152": "OE", "\u00e6": "ae", "\u00c6": "AE", "\u00df": "ss", "\u2019": "'", "\u2018": "'"
  };

  /* Lower-case ASCII words joined by hyphens, "" when none is left:
   * "Le-Rôle-du-CTO" -> "le-role-du-cto" (the same steps as model.slugify). */
  function slugKey(text) {
    var ascii = String(text)
      .replace(/[\u0153\u0152\u00e6\u00c6\u00df\u2019\u2018]/g, function (letter) { return SPELLED_OUT[letter]; })
      .normalize("NFKD")
      .replace(/[^\x00-\x7f]/g, "")
      .toLowerCase();
    var words = ascii.match(/[a-z0-9]+/g);
    return words === null ? "" : words.join("-");
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { slugKey: slugKey };
    return;
  }

  // Given by the page (assets.py): the ids and the words are the extension's, not the script's.
  var script = document.currentScript;
  var ANCHOR_PREFIX = script ? script.getAttribute("data-anchor-prefix") : null;
  if (!ANCHOR_PREFIX) {
    return;
  }
  var WORDS = {
    noMatch: script.getAttribute("data-no-match") || "%s",
    pillarHeading: script.getAttribute("data-pillar-heading") || "%s",
    showAll: script.getAttribute("data-show-all") || ""
  };

  /* The text with its first "%s" replaced by the value, as text: no pattern, no markup. */
  function fill(text, value) {
    var at = text.indexOf("%s");
    return at < 0 ? text : text.slice(0, at) + value + text.slice(at + 2);
  }

  function pillarAsked() {
    var value = new URLSearchParams(window.location.search).get("pillar");
    return value === null ? "" : value.trim();
  }

  function textElement(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    node.textContent = text;
    return node;
  }

  function linkToAll(text) {
    var paragraph = document.createElement("p");
    var link = textElement("a", "editorial-filter-all", text);
    link.href = window.location.pathname;
    paragraph.appendChild(link);
    return paragraph;
  }

  function groupOf(archive, slug) {
    var key = slugKey(slug);
    var group = key ? document.getElementById(ANCHOR_PREFIX + key) : null;
    return group && group.classList.contains(GROUP_CLASS) && archive.contains(group) ? group : null;
  }

  function showOnly(archive, chosen) {
    var groups = archive.getElementsByClassName(GROUP_CLASS);
    for (var index = 0; index < groups.length; index += 1) {
      groups[index].hidden = groups[index] !== chosen;
    }
  }

  function filterBox(archive, slug) {
    var box = document.createElement("div");
    box.className = "editorial-filter";
    box.setAttribute("role", "status");
    var group = groupOf(archive, slug);
    if (group === null) {
      box.appendChild(textElement("p", "editorial-filter-notice", fill(WORDS.noMatch, slug)));
      return box;
    }
    var heading = group.querySelector(".editorial-heading");
    var title = heading ? heading.textContent.trim() : slug;
    var label = fill(WORDS.pillarHeading, title);
    box.appendChild(textElement("h2", "editorial-filter-heading", label));
    box.appendChild(linkToAll(WORDS.showAll));
    showOnly(archive, group);
    // The box's heading names the pillar: the group's own would say it a second time.
    if (heading) {
      heading.hidden = true;
    }
    document.title = label + " – " + document.title;
    return box;
  }

  var slug = pillarAsked();
  var archive = document.querySelector(".editorial-archive");
  if (slug && archive) {
    archive.parentNode.insertBefore(filterBox(archive, slug), archive);
  }
})();
