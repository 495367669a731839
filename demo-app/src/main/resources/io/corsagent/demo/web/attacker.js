// A page the logged-in user happens to visit. None of these calls should ever be readable here.
'use strict';

const api = window.DEMO.api;

runCalls([
  {id: 'steal-account', title: 'GET /api/account with the victim\'s cookie',
   why: 'the app reflects any Origin with credentials (the OWASP finding): the IBAN leaks',
   request: () => fetch(`${api}/account`, {credentials: 'include'})},
  {id: 'read-me', title: "GET /api/me, credentials: 'include'",
   why: 'Access-Control-Allow-Origin: * with credentials: refused by the browser anyway',
   request: () => fetch(`${api}/me`, {credentials: 'include'})},
  {id: 'read-status', title: 'GET /api/status',
   why: 'Access-Control-Allow-Origin: * lets any site read it',
   request: () => fetch(`${api}/status`)},
  {id: 'post-order', title: 'POST /api/orders, JSON body, with cookie',
   why: 'preflighted; the preflight must not be allowed for this origin',
   request: () => fetch(`${api}/orders`, {method: 'POST', credentials: 'include',
                                          headers: {'Content-Type': 'application/json'},
                                          body: JSON.stringify({sku: 'tee-02', quantity: 50})})},
]);
