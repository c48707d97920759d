#include "app/http/DeferredResponder.h"

#include <QHttpServerResponse>

DeferredResponder::DeferredResponder(QHttpServerResponder&& responder)
    : m_state(std::make_shared<State>())
{
    m_state->socket = responder.socket();
    m_state->responder.emplace(std::move(responder));
}

bool DeferredResponder::isConnected() const
{
    return m_state->socket && m_state->socket->state() == QAbstractSocket::ConnectedState;
}

void DeferredResponder::respond(int status,
                                const QByteArray& contentType,
                                const QByteArray& body,
                                const QList<QPair<QByteArray, QByteArray>>& headers)
{
    if (!m_state->responder) {
        return;
    }
    if (!isConnected()) {
        m_state->responder.reset();
        return;
    }
    QHttpServerResponse response(contentType, body, static_cast<QHttpServerResponse::StatusCode>(status));
    for (const auto& [name, value] : headers) {
        response.setHeader(name, value);
    }
    response.write(std::move(*m_state->responder));
    m_state->responder.reset();
}
