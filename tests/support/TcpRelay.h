#pragma once

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <functional>

// A loopback TCP relay in front of a server, for tests that need the network between FlowChat and
// its database to fail: cut() drops every connection and refuses new ones (a server that went
// away), restore() lets them through again on the same port. By default it relays on the test's
// thread; runOnOwnThread() moves it to one of its own, for tests where that thread blocks on
// something that talks through the relay (a window's teardown).
class TcpRelay : public QObject
{
public:
    TcpRelay(QString targetHost, quint16 targetPort)
        : m_targetHost(std::move(targetHost))
        , m_targetPort(targetPort)
        , m_server(new QTcpServer(this))
    {
        connect(m_server, &QTcpServer::newConnection, this, &TcpRelay::accept);
    }

    ~TcpRelay() override
    {
        if (m_thread) {
            onOwnThread([this] { cut(); });
            m_thread->quit();
            m_thread->wait();
            delete m_thread;
        }
    }

    void runOnOwnThread()
    {
        m_thread = new QThread;
        moveToThread(m_thread);
        m_thread->start();
    }

    bool listen()
    {
        bool listening = false;
        onOwnThread([this, &listening] {
            listening = m_server->listen(QHostAddress::LocalHost, m_port) && (m_port = m_server->serverPort()) != 0;
        });
        return listening;
    }
    quint16 port() const
    {
        return m_port;
    }

    void cut()
    {
        if (QThread::currentThread() != thread()) {
            onOwnThread([this] { cut(); });
            return;
        }
        m_server->close();
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
    void onOwnThread(const std::function<void()>& work)
    {
        if (QThread::currentThread() == thread()) {
            work();
        } else {
            QMetaObject::invokeMethod(this, work, Qt::BlockingQueuedConnection);
        }
    }

    void accept()
    {
        while (QTcpSocket* client = m_server->nextPendingConnection()) {
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
    QTcpServer* m_server;
    QThread* m_thread = nullptr;
    QList<QPointer<QTcpSocket>> m_sockets;
};
