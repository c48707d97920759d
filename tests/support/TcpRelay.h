#pragma once

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

// A loopback TCP relay in front of a server, for tests that need the network between FlowChat and
// its database to fail: cut() drops every connection and refuses new ones (a server that went
// away), restore() lets them through again on the same port.
class TcpRelay : public QObject
{
public:
    TcpRelay(QString targetHost, quint16 targetPort)
        : m_targetHost(std::move(targetHost))
        , m_targetPort(targetPort)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &TcpRelay::accept);
    }

    bool listen()
    {
        return m_server.listen(QHostAddress::LocalHost, m_port) && (m_port = m_server.serverPort()) != 0;
    }
    quint16 port() const
    {
        return m_port;
    }

    void cut()
    {
        m_server.close();
        for (const QPointer<QTcpSocket>& socket : std::as_const(m_sockets)) {
            if (socket) {
                socket->abort();
                socket->deleteLater();
            }
        }
        m_sockets.clear();
    }
    bool restore()
    {
        return listen();
    }

private:
    void accept()
    {
        while (QTcpSocket* client = m_server.nextPendingConnection()) {
            auto* upstream = new QTcpSocket(this);
            client->setParent(this);
            m_sockets << client << upstream;
            const auto pipe = [](QTcpSocket* from, QTcpSocket* to) {
                connect(from, &QTcpSocket::readyRead, to, [from, to] {
                    if (to->state() == QAbstractSocket::ConnectedState) {
                        to->write(from->readAll()); // else kept in `from` until `to` connects
                    }
                });
                connect(from, &QTcpSocket::disconnected, to, [to] { to->disconnectFromHost(); });
            };
            pipe(client, upstream);
            pipe(upstream, client);
            connect(
                upstream, &QTcpSocket::connected, client, [client, upstream] { upstream->write(client->readAll()); });
            upstream->connectToHost(m_targetHost, m_targetPort);
        }
    }

    QString m_targetHost;
    quint16 m_targetPort;
    quint16 m_port = 0;
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
};
