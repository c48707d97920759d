#pragma once

#include "providers/Result.h"

#include <QByteArray>
#include <QNetworkReply>

#include <chrono>
#include <optional>

// What a finished QNetworkReply said, copied out so pure parsers can be tested without sockets.
struct HttpResponse
{
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText;
    std::optional<std::chrono::seconds> retryAfter;
    QByteArray contentType;

    static HttpResponse from(QNetworkReply& reply);

    // True when the request never got an HTTP answer (refused, reset, timed out, DNS ...).
    bool isTransportFailure() const;
    bool isTimeout() const;

    // The error for a transport failure, a timeout or an HTTP status without a usable body:
    // network errors and timeouts are retryable; so are 429 and 5xx.
    Error transportError() const;
};

// Parses Retry-After: delta seconds or an HTTP date.
std::optional<std::chrono::seconds> parseRetryAfter(const QByteArray& value);
