#pragma once

#include <QTcpServer>

// The listening socket under our QHttpServer (bound with QHttpServer::bind). Qt 6.4's server has
// no limits of its own, so this one refuses bodies over the limit before anything parses them
// (413), asks for a length when none is given (411), and closes connections that stay idle.
class BoundedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit BoundedTcpServer(qint64 bodyLimit, int idleTimeoutMs, QObject* parent = nullptr);

    qint64 bodyLimit() const;

signals:
    void requestRefused(int httpStatus);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_bodyLimit;
    int m_idleTimeoutMs;
};
