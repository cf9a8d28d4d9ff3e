// What the dataset's editor adds to Decap CMS (copied by `ilo-engage editor config`; do not edit).
//
// Before a record is saved: empty fields are left out (as `ilo-engage add-*` writes records), and a
// new contact gets its id by the data contract's rule, YYYY-MM-DD-<enterprise>-xxxx with four random
// base32 characters, so that two officers saving at once never collide. A text readers see is the
// `translated` widget: one input per language the dataset declares. The preview shows a record the
// way `ilo-engage show` prints it.
(function () {
  "use strict";
  var BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  function suffix() {
    var bytes = new Uint8Array(4);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return BASE32[b % 32]; }).join("");
  }

  function isEmpty(value) {
    if (value === null || value === undefined || value === "") return true;
    return typeof value.toJS === "function" && value.size === 0;
  }

  // The entry's data without empty values, at any depth (an untouched optional object goes too).
  function pruned(value) {
    if (value && typeof value.toJS === "function" && typeof value.filter === "function") {
      return value.map(pruned).filter(function (item) { return !isEmpty(item); });
    }
    return value;
  }

  function dayOf(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return value ? String(value).slice(0, 10) : "";
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = pruned(entry.get("data"));
      if (entry.get("collection") === "contacts" && !data.get("id")) {
        data = data.set("id", dayOf(data.get("date")) + "-" + data.get("enterprise") + "-" + suffix());
      }
      return data;
    },
  });

  // --- Texts readers see: one input per language ----------------------------------------------
  //
  // The data contract writes such a text as a plain string (in the dataset's first language) or as
  // a mapping with a text per language, `{en: …, fr: …}`; a file may hold either, so the widget
  // reads both. It writes a plain string while only the first language is given, a mapping
  // otherwise (the declared languages in order, then any other the file had), and never an empty
  // text: a language left empty is left out.

  function asObject(value) {
    if (value && typeof value.toJS === "function") value = value.toJS();
    return value && typeof value === "object" ? value : null;
  }

  // The text in each language: a plain string is in the first.
  function texts(value, first) {
    var object = asObject(value);
    if (object) return object;
    var byLanguage = {};
    if (value) byLanguage[first] = String(value);
    return byLanguage;
  }

  // The text as `show` prints it: a mapping's first text (model/language.py: Translated).
  function firstText(value) {
    var object = asObject(value);
    if (!object) return value || "";
    var keys = Object.keys(object);
    return keys.length ? object[keys[0]] : "";
  }

  function written(byLanguage, codes) {
    var order = codes.concat(Object.keys(byLanguage).filter(function (c) { return codes.indexOf(c) < 0; }));
    var given = order.filter(function (code) { return byLanguage[code]; });
    if (given.length === 0) return "";
    if (given.length === 1 && given[0] === codes[0]) return byLanguage[codes[0]];
    var mapping = {};
    given.forEach(function (code) { mapping[code] = byLanguage[code]; });
    return mapping;
  }

  var TranslatedControl = createClass({
    languages: function () {
      return this.props.field.get("languages").toJS();  // [{value: "en", label: "English"}, …]
    },

    change: function (code, text) {
      var codes = this.languages().map(function (l) { return l.value; });
      var byLanguage = Object.assign({}, texts(this.props.value, codes[0]));
      byLanguage[code] = text;
      this.props.onChange(written(byLanguage, codes));
    },

    render: function () {
      var self = this;
      var props = this.props;
      var declared = this.languages();
      var codes = declared.map(function (l) { return l.value; });
      var byLanguage = texts(props.value, codes[0]);
      // A language the file has but the dataset does not declare is shown too: saving keeps it.
      var shown = declared.concat(Object.keys(byLanguage).filter(function (c) { return codes.indexOf(c) < 0; })
        .map(function (c) { return {value: c, label: c}; }));
      var multiline = props.field.get("multiline");
      var inputs = shown.map(function (language, index) {
        var id = index === 0 ? props.forID : props.forID + "-" + language.value;
        var input = h(multiline ? "textarea" : "input", {
          key: language.value,
          id: id,
          type: multiline ? undefined : "text",
          rows: multiline ? 4 : undefined,
          lang: language.value,
          value: byLanguage[language.value] || "",
          onChange: function (event) { self.change(language.value, event.target.value); },
          onFocus: props.setActiveStyle,
          onBlur: props.setInactiveStyle,
          style: {width: "100%", boxSizing: "border-box", font: "inherit", padding: "8px 10px",
                  border: "1px solid #dfdfe3", borderRadius: "4px", resize: "vertical"},
        });
        if (shown.length === 1) return input;  // one language: a plain input, labelled by the field
        return h("div", {key: language.value, style: {marginBottom: index < shown.length - 1 ? "10px" : 0}},
                 h("label", {htmlFor: id, style: {display: "block", fontSize: "13px", fontWeight: 600,
                                                  color: "#555", marginBottom: "4px"}},
                   language.label + " (" + language.value + ")"),
                 input);
      });
      return h("div", {className: props.classNameWrapper}, inputs);
    },
  });

  var TranslatedPreview = function (props) { return h("span", {}, firstText(props.value)); };

  CMS.registerWidget("translated", TranslatedControl, TranslatedPreview);

  // --- Previews: the record as `ilo-engage show` prints it -------------------------------------

  function plain(entry) {
    var data = entry.get("data");
    return data && typeof data.toJS === "function" ? data.toJS() : {};
  }

  function list(value) { return Array.isArray(value) ? value : []; }

  // A contact's dated steps, oldest first (lookup/timeline.py: timeline).
  function timeline(c) {
    var who = (c.initiated_by === "ilo-unit" ? c.initiating_unit : c.initiated_by) || "…";
    var steps = [];
    if (c.date) {  // a form still being filled shows only the steps it dates
      steps.push([dayOf(c.date), "contact made by " + who + (c.entry_point ? ", entered through " + c.entry_point : "")]);
    }
    list(c.shared_with).forEach(function (s) {
      steps.push([dayOf(s.date), (c.entry_point || "the entry bureau") + " shared it with " + s["with"]]);
    });
    if (c.needs_analysis && c.needs_analysis.date) {
      steps.push([dayOf(c.needs_analysis.date), "needs analysis by " + c.needs_analysis.by]);
    }
    list(c.consultations).forEach(function (s) { steps.push([dayOf(s.date), "consulted " + s["with"]]); });
    if (c.referral && c.referral.date) {
      var lead = c.technical_lead ? " (lead " + c.technical_lead + ")" : "";
      steps.push([dayOf(c.referral.date), "referred to " + list(c.referral.to).join(", ") + lead]);
    }
    list(c.follow_ups).forEach(function (s) {
      steps.push([dayOf(s.date), "follow-up by " + s.by + " with " + s["with"]]);
    });
    if (c.closed_on) steps.push([dayOf(c.closed_on), c.status]);
    return steps.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
  }

  function contactText(c) {
    var lines = [(c.id || "(its id is made when it is saved)") + ": " + (c.subject || ""),
                 (c.enterprise || "") + "; status " + (c.status || ""), ""];
    timeline(c).forEach(function (step) { lines.push("  " + step[0] + "  " + step[1]); });
    var undated = [];
    if (c.referral && !c.referral.date) undated.push("referral");
    if ((c.status === "closed" || c.status === "declined") && !c.closed_on) undated.push("closing");
    if (undated.length) lines.push("  (undated: " + undated.join(", ") + ")");
    if (c.outcome) lines.push("  outcome: " + c.outcome);
    return lines.join("\n");
  }

  function enterpriseText(e) {
    var sectors = list(e.sectors).length ? "; " + e.sectors.join(", ") : "";
    return (e.name || "") + " (" + (e.id || "") + ")\n" + (e.kind || "") + ", " + (e.country || "") + sectors;
  }

  function initiativeText(i) {
    return firstText(i.name) + " (" + (i.kind || "") + ", " + (i.status || "") + ")\n\n" + firstText(i.summary);
  }

  function preview(render) {
    return function (props) {
      return h("pre", {style: {whiteSpace: "pre-wrap", fontFamily: "monospace", padding: "1em"}},
               render(plain(props.entry)));
    };
  }

  CMS.registerPreviewTemplate("contacts", preview(contactText));
  CMS.registerPreviewTemplate("enterprises", preview(enterpriseText));
  ["networks", "partnerships", "programmes"].forEach(function (name) {
    CMS.registerPreviewTemplate(name, preview(initiativeText));
  });
})();
