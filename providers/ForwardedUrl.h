#pragma once

#include "providers/WebhookRequest.h"

#include <QUrl>

namespace ForwardedUrl
{

// The URL a client named when a reverse proxy (ngrok, a load balancer) forwarded the request to
// us: the arrival URL with the scheme, host and port the proxy reports, from `Forwarded`
// (RFC 7239, its first element) or else X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-Port
// (the first value of each). Empty when the request names none of them, or names them malformed.
QUrl of(const WebhookRequest& request);

} // namespace ForwardedUrl
