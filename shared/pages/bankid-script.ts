// The signing page's only script, served from /assets/bankid.js (the page
// CSP allows scripts from 'self' and nothing inline). It is an enhancement:
// every two seconds it makes the same collect post as the button, swaps in
// the new QR code and message while the order runs, and shows the answer
// page once it ended (signed, failed or refused). Without it the button works.
export const BANKID_SCRIPT = `(function () {
  'use strict';
  var box = document.getElementById('bankid-order');
  if (!box || !window.fetch || !window.DOMParser) return;
  var url = box.getAttribute('data-collect');
  function swap(id, next, attribute) {
    var now = document.getElementById(id);
    var fresh = next.querySelector('#' + id);
    if (!now || !fresh) return;
    if (attribute) now.setAttribute(attribute, fresh.getAttribute(attribute));
    else if (now.textContent !== fresh.textContent) now.textContent = fresh.textContent;
  }
  function poll() {
    fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=bankid-collect' })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var next = doc.getElementById('bankid-order');
        if (next) {
          swap('bankid-qr', next, 'src');
          swap('bankid-message', next);
          setTimeout(poll, 2000);
          return;
        }
        document.title = doc.title;
        document.body.replaceWith(document.adoptNode(doc.body));
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 2000);
})();
`;
