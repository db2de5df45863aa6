// The interactive API page's script, served at /assets/docs.js after
// /assets/swagger-ui-bundle.js (swagger-ui-dist), which defines SwaggerUIBundle.
// It only configures Swagger UI: the page (src/openapi/docs-page.ts) names the
// element to render into and the document to load, on that element.
'use strict';
(() => {
  const root = document.getElementById('swagger-ui');
  window.SwaggerUIBundle({
    domNode: root,
    url: root.dataset.openapiUrl,
    // The plain layout: no top bar with a URL field (the page is about this one document).
    layout: 'BaseLayout',
    // Each operation has a link of its own: /docs#/orders/placeOrder.
    deepLinking: true,
    // The token and the key pasted into Authorize survive a reload (kept in this browser's localStorage).
    persistAuthorization: true,
    // Every operation opens ready to Execute, its parameters and body filled from the document's examples.
    tryItOutEnabled: true,
    displayRequestDuration: true,
    // The default validator badge is an image from another origin: off (the CSP would refuse it anyway).
    validatorUrl: null,
    // The operations first; the schemas are listed below them, folded.
    defaultModelsExpandDepth: 0,
  });
})();
