#include "providers/ForwardedUrl.h"

#include <QRegularExpression>

namespace ForwardedUrl
{

namespace
{

struct Forwarding
{
    QString proto;
    QString host; // may carry a port: "name.example:8443", "[::1]:80"
    QString port;
};

// The first of a comma-separated list: the proxy nearest the client wrote it.
QString firstValue(const QByteArray& header)
{
    return QString::fromLatin1(header).section(QLatin1Char(','), 0, 0).trimmed();
}

// RFC 7239: `Forwarded: for=1.2.3.4;proto=https;host="name.example"`.
Forwarding fromForwardedHeader(const QByteArray& header)
{
    Forwarding forwarding;
    const QString element = firstValue(header);
    for (const QString& pair : element.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals < 0) {
            continue;
        }
        const QString name = pair.left(equals).trimmed().toLower();
        QString value = pair.mid(equals + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"'))) {
            value = value.mid(1, value.size() - 2);
        }
        if (name == QLatin1String("proto")) {
            forwarding.proto = value;
        } else if (name == QLatin1String("host")) {
            forwarding.host = value;
        }
    }
    return forwarding;
}

bool isPort(const QString& text, int* port)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 65535) {
        return false;
    }
    *port = value;
    return true;
}

} // namespace

QUrl of(const WebhookRequest& request)
{
    Forwarding forwarding;
    const QByteArray forwarded = request.header("Forwarded");
    if (!forwarded.isEmpty()) {
        forwarding = fromForwardedHeader(forwarded);
    } else {
        forwarding.proto = firstValue(request.header("X-Forwarded-Proto"));
        forwarding.host = firstValue(request.header("X-Forwarded-Host"));
        forwarding.port = firstValue(request.header("X-Forwarded-Port"));
    }
    if (forwarding.proto.isEmpty() && forwarding.host.isEmpty() && forwarding.port.isEmpty()) {
        return {};
    }

    QUrl url = request.url;
    if (!forwarding.proto.isEmpty()) {
        const QString scheme = forwarding.proto.toLower();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
            return {};
        }
        if (scheme != url.scheme()) {
            url.setPort(-1); // the port we listen on means nothing under the client's scheme
        }
        url.setScheme(scheme);
    }
    if (!forwarding.host.isEmpty()) {
        // host, host:port, [v6] or [v6]:port
        static const QRegularExpression hostPort(
            QStringLiteral(R"(^(\[[0-9A-Fa-f:.]+\]|[^:\[\]/@?#\s]+)(?::(\d+))?$)"));
        const QRegularExpressionMatch match = hostPort.match(forwarding.host);
        if (!match.hasMatch()) {
            return {};
        }
        QString host = match.captured(1);
        if (host.startsWith(QLatin1Char('['))) {
            host = host.mid(1, host.size() - 2);
        }
        url.setHost(host, QUrl::StrictMode);
        int port = -1;
        if (!match.captured(2).isEmpty() && !isPort(match.captured(2), &port)) {
            return {};
        }
        url.setPort(port);
    }
    if (!forwarding.port.isEmpty()) {
        int port = -1;
        if (!isPort(forwarding.port, &port)) {
            return {};
        }
        url.setPort(port);
    }
    return url.isValid() && !url.host().isEmpty() ? url : QUrl();
}

} // namespace ForwardedUrl
