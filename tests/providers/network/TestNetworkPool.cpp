// NetworkPool keeps as many requests in flight as it was asked for, even when answers come back
// unevenly across its managers (each runs at most six at once), against a real loopback server
// that holds every request until the test answers it.
#include "providers/NetworkPool.h"

#include <QNetworkReply>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

namespace
{

// Accepts connections and remembers each request's path with its socket, unanswered.
class HoldingServer : public QObject
{
public:
    HoldingServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
            }
        });
    }

    QUrl url(int n) const
    {
        return QUrl(u"http://127.0.0.1:%1/%2"_s.arg(m_server.serverPort()).arg(n));
    }
    int held() const
    {
        return int(m_held.size());
    }
    bool holds(int n) const
    {
        return m_held.contains(n);
    }

    void answer(int n)
    {
        QTcpSocket* socket = m_held.take(n);
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    }

private:
    void readFrom(QTcpSocket* socket)
    {
        m_buffers[socket] += socket->readAll();
        QByteArray& buffer = m_buffers[socket];
        qsizetype end = 0;
        while ((end = buffer.indexOf("\r\n\r\n")) >= 0) {
            const QRegularExpressionMatch path =
                QRegularExpression(u"^GET /(\\d+) "_s).match(QString::fromLatin1(buffer.left(end)));
            if (path.hasMatch()) {
                m_held.insert(path.captured(1).toInt(), socket);
            }
            buffer.remove(0, end + 4);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QHash<int, QTcpSocket*> m_held;
};

} // namespace

class TestNetworkPool : public QObject
{
    Q_OBJECT

private slots:
    void keepsTheConcurrencyAskedForWhenAnswersComeBackUnevenly();
};

void TestNetworkPool::keepsTheConcurrencyAskedForWhenAnswersComeBackUnevenly()
{
    HoldingServer server;
    NetworkPool pool(12);
    QCOMPARE(pool.size(), 2);

    // Twelve requests: six per manager, all held by the server.
    QList<QNetworkReply*> replies;
    for (int n = 0; n < 12; ++n) {
        replies << pool.get(QNetworkRequest(server.url(n)));
    }
    QTRY_COMPARE(server.held(), 12);
    QCOMPARE(pool.inFlight(), 12);

    // The answers come back unevenly: all six of one manager's (requests alternate between the
    // two managers), none of the other's.
    for (int n = 0; n < 12; n += 2) {
        server.answer(n);
    }
    QTRY_COMPARE(pool.inFlight(), 6);

    // Six more must all reach the server at once: a pool that went round robin would queue three
    // of them behind the manager that is still full, and only nine would be in flight.
    for (int n = 12; n < 18; ++n) {
        replies << pool.get(QNetworkRequest(server.url(n)));
    }
    QTRY_COMPARE(server.held(), 12);
    for (int n = 12; n < 18; ++n) {
        QVERIFY(server.holds(n));
    }
    QCOMPARE(pool.inFlight(), 12);
    qDeleteAll(replies);
}

QTEST_GUILESS_MAIN(TestNetworkPool)
#include "TestNetworkPool.moc"
