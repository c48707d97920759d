#include "providers/HttpResponse.h"

#include <QDateTime>
#include <QLocale>

HttpResponse HttpResponse::from(QNetworkReply& reply)
{
    HttpResponse response;
    response.status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.networkError = reply.error();
    response.networkErrorText = reply.errorString();
    response.contentType = reply.header(QNetworkRequest::ContentTypeHeader).toByteArray();
    response.retryAfter = parseRetryAfter(reply.rawHeader("Retry-After"));
    if (reply.isOpen()) {
        response.body = reply.readAll();
    }
    return response;
}

bool HttpResponse::isTransportFailure() const
{
    return status == 0 && networkError != QNetworkReply::NoError;
}

bool HttpResponse::isTimeout() const
{
    // setTransferTimeout ends a reply with OperationCanceledError (platform-notes §3).
    return status == 0
           && (networkError == QNetworkReply::OperationCanceledError || networkError == QNetworkReply::TimeoutError);
}

Error HttpResponse::transportError() const
{
    Error error;
    error.httpStatus = status;
    error.retryAfter = retryAfter;
    if (isTimeout()) {
        error.kind = Error::Kind::Timeout;
        error.code = QStringLiteral("timeout");
        error.message = QStringLiteral("The provider did not answer in time");
        error.retryable = true;
    } else if (isTransportFailure()) {
        error.kind = Error::Kind::Network;
        error.code = QStringLiteral("network");
        error.message = QStringLiteral("Could not reach the provider: ") + networkErrorText;
        error.retryable = true;
    } else if (status == 429) {
        error.kind = Error::Kind::RateLimited;
        error.code = QStringLiteral("http_429");
        error.message = QStringLiteral("The provider asks us to slow down (HTTP 429)");
        error.retryable = true;
    } else if (status >= 500) {
        error.kind = Error::Kind::ServerError;
        error.code = QStringLiteral("http_%1").arg(status);
        error.message = QStringLiteral("The provider failed with HTTP %1").arg(status);
        error.retryable = true;
    } else {
        error.kind = status == 401 ? Error::Kind::Authentication : Error::Kind::Permanent;
        error.code = QStringLiteral("http_%1").arg(status);
        error.message = QStringLiteral("The provider refused the request with HTTP %1").arg(status);
    }
    return error;
}

std::optional<std::chrono::seconds> parseRetryAfter(const QByteArray& value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok) {
        return std::chrono::seconds(std::max<qint64>(0, seconds));
    }
    const QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(trimmed), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid()) {
        return std::nullopt;
    }
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return std::chrono::seconds(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(utc)));
}
