#include "app/http/BoundedTcpServer.h"

#include "app/AppLogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

namespace
{

constexpr qint64 kHeaderLimit = 64 * 1024;

QByteArray refusal(int status, const QByteArray& reason, const QString& code, const QString& message)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("error"),
                                   QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}})
            .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
           + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
           + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// What the head of a request says about its body, from the bytes not yet parsed. Only the first
// chunk of a request starts with its request line, so later chunks are left alone.
struct HeadCheck
{
    int status = 0; // 0: fine, or 411/413/431
};

HeadCheck checkHead(const QByteArray& pending, qint64 bodyLimit)
{
    static const QRegularExpression requestLine(QStringLiteral("^[A-Z]+ \\S+ HTTP/1\\.[01]\r\n"));
    static const QRegularExpression contentLength(QStringLiteral("\r\ncontent-length:[ \t]*(\\d+)"),
                                                  QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression chunked(QStringLiteral("\r\ntransfer-encoding:[^\r]*chunked"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QString head = QString::fromLatin1(pending.left(kHeaderLimit));
    if (!requestLine.match(head).hasMatch()) {
        return {};
    }
    const qsizetype end = head.indexOf(QLatin1String("\r\n\r\n"));
    if (end < 0) {
        return {pending.size() >= kHeaderLimit ? 431 : 0};
    }
    const QString headers = head.left(end + 2);
    if (chunked.match(headers).hasMatch()) {
        return {411};
    }
    const QRegularExpressionMatch length = contentLength.match(headers);
    if (length.hasMatch() && length.captured(1).toLongLong() > bodyLimit) {
        return {413};
    }
    return {};
}

} // namespace

BoundedTcpServer::BoundedTcpServer(qint64 bodyLimit, int idleTimeoutMs, QObject* parent)
    : QTcpServer(parent)
    , m_bodyLimit(bodyLimit)
    , m_idleTimeoutMs(idleTimeoutMs)
{
}

qint64 BoundedTcpServer::bodyLimit() const
{
    return m_bodyLimit;
}

void BoundedTcpServer::incomingConnection(qintptr descriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    auto* idle = new QTimer(socket);
    idle->setSingleShot(true);
    idle->setInterval(m_idleTimeoutMs);
    connect(idle, &QTimer::timeout, socket, [socket] {
        qCDebug(lcHttp) << "closing idle connection from" << socket->peerAddress();
        socket->abort();
    });
    connect(socket, &QTcpSocket::bytesWritten, idle, qOverload<>(&QTimer::start));

    // Connected before QHttpServer's own handler, so it sees each request's head first.
    auto refused = std::make_shared<bool>(false);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, idle, refused] {
        idle->start();
        if (*refused) {
            socket->readAll(); // leave nothing for the HTTP parser
            return;
        }
        const HeadCheck check = checkHead(socket->peek(kHeaderLimit + 4), m_bodyLimit);
        if (check.status == 0) {
            return;
        }
        *refused = true;
        socket->readAll();
        qCInfo(lcHttp) << "refused request with" << check.status << "before parsing";
        if (check.status == 413) {
            socket->write(refusal(413,
                                  "Payload Too Large",
                                  QStringLiteral("payload_too_large"),
                                  QStringLiteral("The body is larger than %1 bytes").arg(m_bodyLimit)));
        } else if (check.status == 411) {
            socket->write(refusal(411,
                                  "Length Required",
                                  QStringLiteral("length_required"),
                                  QStringLiteral("Send the body with a Content-Length header")));
        } else {
            socket->write(refusal(431,
                                  "Request Header Fields Too Large",
                                  QStringLiteral("headers_too_large"),
                                  QStringLiteral("The request headers are too large")));
        }
        socket->disconnectFromHost();
        emit requestRefused(check.status);
    });
    idle->start();
    addPendingConnection(socket);
}
