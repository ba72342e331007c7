// Progressive enhancement of the public forms; everything works without it.
(function () {
  "use strict";
  // Postal code → address, from our own endpoint (offline data; no third party).
  document.querySelectorAll(".js-postal-lookup").forEach(function (button) {
    button.addEventListener("click", function (event) {
      var target = button.dataset.target;
      var source = document.querySelector('[data-postal="' + target + '"]');
      var address = document.getElementById("id_" + target);
      if (!source || !address) { return; }
      event.preventDefault();
      fetch(button.form.dataset.postalUrl + "?code=" + encodeURIComponent(source.value), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.found) {
            source.value = data.postal_code;
            address.value = data.address;
            address.focus();
          } else {
            button.form.requestSubmit(button); // let the server say it could not find the code
          }
        });
    });
  });
  // After a failed submission, take keyboard and screen-reader users to the list of errors.
  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }
  // Show the agent's fields only when someone files for another person.
  var agentFields = document.querySelector(".js-agent-fields");
  var radios = document.querySelectorAll('input[name="agent_type"]');
  function syncAgent() {
    var checked = document.querySelector('input[name="agent_type"]:checked');
    var acting = checked && checked.value !== "";
    if (agentFields) { agentFields.classList.toggle("is-hidden", !acting); }
  }
  radios.forEach(function (radio) { radio.addEventListener("change", syncAgent); });
  syncAgent();
})();
