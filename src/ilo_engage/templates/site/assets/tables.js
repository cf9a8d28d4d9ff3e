// Sorting and filtering for tables marked data-sortable / data-filterable. Without this script
// the tables read as they are: it only adds buttons to the column headings and a filter box.
(function () {
  "use strict";
  function cellValue(row, index, numeric) {
    var text = row.cells[index] ? row.cells[index].textContent.trim() : "";
    if (numeric) { var n = parseFloat(text.replace(/[^0-9.\-]/g, "")); return isNaN(n) ? -Infinity : n; }
    return text.toLocaleLowerCase();
  }
  function sortBy(table, index, numeric, header) {
    var body = table.tBodies[0];
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function makeSortable(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = header.textContent;
      var numeric = header.getAttribute("data-type") === "number";
      button.addEventListener("click", function () { sortBy(table, index, numeric, header); });
      header.textContent = "";
      header.appendChild(button);
    });
  }
  function makeFilterable(table) {
    var label = document.createElement("label");
    var id = (table.id || "table") + "-filter";
    label.className = "filter";
    label.setAttribute("for", id);
    label.textContent = "Show only rows containing ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "note";
    input.addEventListener("input", function () {
      var wanted = input.value.trim().toLocaleLowerCase(), shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var keep = !wanted || row.textContent.toLocaleLowerCase().indexOf(wanted) !== -1;
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      status.textContent = wanted ? shown + " of " + table.tBodies[0].rows.length + " rows shown" : "";
    });
    var box = document.createElement("div");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    table.parentNode.parentNode.insertBefore(box, table.parentNode);
  }
  document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
  document.querySelectorAll("table[data-filterable]").forEach(makeFilterable);
})();
