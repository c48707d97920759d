#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <optional>

// Answers a QHttpServer request later (after a commit), safely: Qt 6.4's responder keeps a raw
// socket pointer, so we write only while the socket is still connected (platform-notes §2).
// Copyable; the first respond() wins.
class DeferredResponder
{
public:
    explicit DeferredResponder(QHttpServerResponder&& responder);

    bool isConnected() const;
    void respond(int status,
                 const QByteArray& contentType,
                 const QByteArray& body,
                 const QList<QPair<QByteArray, QByteArray>>& headers = {});

private:
    struct State
    {
        std::optional<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
    };
    std::shared_ptr<State> m_state;
};
