// The shop's own frontend: every call here is one the shop means to allow (cors-policy.properties allows them).
'use strict';

const api = window.DEMO.api;
const json = {'Content-Type': 'application/json'};

runCalls([
  {id: 'simple-get', title: 'GET /api/status',
   why: 'simple request; the app answers Access-Control-Allow-Origin: *',
   request: () => fetch(`${api}/status`)},
  {id: 'post-json', title: 'POST /api/orders, JSON body, with cookie',
   why: 'preflighted (JSON); the login filter runs before the CORS filter and answers the preflight 401',
   request: () => fetch(`${api}/orders`, {method: 'POST', credentials: 'include', headers: json,
                                          body: JSON.stringify({sku: 'mug-01', quantity: 2})})},
  {id: 'put-custom-header', title: 'PUT /api/orders/42 with X-Client-Version, with cookie',
   why: 'preflighted (PUT, custom header); same 401 on the preflight',
   request: () => fetch(`${api}/orders/42`, {method: 'PUT', credentials: 'include',
                                             headers: {...json, 'X-Client-Version': '2.4'},
                                             body: JSON.stringify({quantity: 3})})},
  {id: 'credentials', title: "GET /api/me, credentials: 'include'",
   why: 'the app answers Access-Control-Allow-Origin: * with Allow-Credentials: true, which browsers refuse',
   request: () => fetch(`${api}/me`, {credentials: 'include'})},
  {id: 'exposed-header', title: 'GET /api/products, read X-Request-Id',
   why: 'no CORS header at all on this path, and X-Request-Id is never exposed',
   request: () => fetch(`${api}/products`), read: readHeader('X-Request-Id')},
  {id: 'account', title: 'GET /api/account, with cookie',
   why: 'the app reflects any Origin here: works for the shop, and for everyone else too',
   request: () => fetch(`${api}/account`, {credentials: 'include'})},
]);
