/* The old address /posts/?pillar=<slug>: only that pillar's posts.
 *
 * The page lists every post, grouped by pillar (one section per pillar, with
 * the id "pilier-<slug>"), and stays complete without JavaScript.  The query
 * string is data: it is only compared with ids and written as text
 * (textContent), never parsed as HTML.
 */
(function () {
  "use strict";

  var GROUP_CLASS = "editorial-archive-group";
  var ANCHOR_PREFIX = "pilier-";

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
    var group = document.getElementById(ANCHOR_PREFIX + slug.toLowerCase());
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
      box.appendChild(textElement("p", "editorial-filter-notice",
        "Aucun pilier ne correspond à « " + slug + " » : voici tous les articles."));
      return box;
    }
    var heading = group.querySelector(".editorial-heading");
    var title = heading ? heading.textContent.trim() : slug;
    var label = "Articles du pilier « " + title + " »";
    box.appendChild(textElement("h2", "editorial-filter-heading", label));
    box.appendChild(linkToAll("Voir tous les articles, tous piliers confondus"));
    showOnly(archive, group);
    document.title = label + " – " + document.title;
    return box;
  }

  var slug = pillarAsked();
  var archive = document.querySelector(".editorial-archive");
  if (slug && archive) {
    archive.parentNode.insertBefore(filterBox(archive, slug), archive);
  }
})();
