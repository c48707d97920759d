// The guards under our QHttpServer: size limit before parsing, idle timeout, and deferred
// answers that survive clients hanging up first.
#include "app/http/BoundedTcpServer.h"
#include "app/http/DeferredResponder.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

class TestBoundedHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void bodyWithinLimitIsServed();
    void bodyOverLimitIsRefusedBeforeParsing();
    void chunkedBodyNeedsLength();
    void idleConnectionIsClosed();
    void deferredAnswerArrives();
    void survivesClientsHangingUpBeforeDeferredAnswer();

private:
    QUrl url(const QString& path) const;

    std::unique_ptr<QHttpServer> m_http;
    BoundedTcpServer* m_tcp = nullptr;
    int m_handled = 0;
    QList<DeferredResponder> m_pending;
};

void TestBoundedHttpServer::init()
{
    m_handled = 0;
    m_pending.clear();
    m_http = std::make_unique<QHttpServer>();
    m_http->route(QStringLiteral("/echo"), [this](const QHttpServerRequest& request) {
        ++m_handled;
        return QHttpServerResponse("text/plain", request.body());
    });
    m_http->route(QStringLiteral("/later"), [this](const QHttpServerRequest&, QHttpServerResponder&& responder) {
        ++m_handled;
        m_pending.append(DeferredResponder(std::move(responder)));
    });
    m_tcp = new BoundedTcpServer(1024, 300, m_http.get());
    QVERIFY(m_tcp->listen(QHostAddress::LocalHost, 0));
    m_http->bind(m_tcp);
}

void TestBoundedHttpServer::cleanup()
{
    m_pending.clear();
    m_http.reset();
}

QUrl TestBoundedHttpServer::url(const QString& path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_tcp->serverPort()).arg(path));
}

void TestBoundedHttpServer::bodyWithinLimitIsServed()
{
    QNetworkAccessManager network;
    QNetworkRequest request(url(QStringLiteral("/echo")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "text/plain");
    std::unique_ptr<QNetworkReply> reply(network.post(request, QByteArray(1024, 'a')));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->readAll().size(), 1024);
}

void TestBoundedHttpServer::bodyOverLimitIsRefusedBeforeParsing()
{
    QSignalSpy refused(m_tcp, &BoundedTcpServer::requestRefused);
    QNetworkAccessManager network;
    QNetworkRequest request(url(QStringLiteral("/echo")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "text/plain");
    std::unique_ptr<QNetworkReply> reply(network.post(request, QByteArray(1025, 'a')));
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
    QVERIFY(reply->readAll().contains("payload_too_large"));
    QCOMPARE(refused.size(), 1);
    QCOMPARE(m_handled, 0);
}

void TestBoundedHttpServer::chunkedBodyNeedsLength()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_tcp->serverPort());
    QVERIFY(socket.waitForConnected(2000));
    socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    QTRY_VERIFY(socket.bytesAvailable() > 0);
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 411"));
    QCOMPARE(m_handled, 0);
}

void TestBoundedHttpServer::idleConnectionIsClosed()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_tcp->serverPort());
    QVERIFY(socket.waitForConnected(2000));
    // Promise a body and never send it: the idle timeout (300 ms) must end the connection.
    socket.write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 3000);
    QCOMPARE(m_handled, 0);
}

void TestBoundedHttpServer::deferredAnswerArrives()
{
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url(QStringLiteral("/later")))));
    QTRY_COMPARE(m_pending.size(), 1);
    QVERIFY(!reply->isFinished());
    m_pending.first().respond(202, "application/json", "{}");
    m_pending.first().respond(500, "application/json", "{}"); // the first answer wins
    QTRY_VERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
}

void TestBoundedHttpServer::survivesClientsHangingUpBeforeDeferredAnswer()
{
    for (int i = 0; i < 50; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_tcp->serverPort());
        QVERIFY(socket.waitForConnected(2000));
        socket.write("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_handled, i + 1);
        socket.abort();
    }
    // Answer all of them after their sockets are gone, then prove the server still serves.
    QTRY_VERIFY(
        std::none_of(m_pending.cbegin(), m_pending.cend(), [](const DeferredResponder& r) { return r.isConnected(); }));
    for (DeferredResponder& pending : m_pending) {
        pending.respond(200, "text/plain", "late");
    }
    bodyWithinLimitIsServed();
}

QTEST_GUILESS_MAIN(TestBoundedHttpServer)
#include "TestBoundedHttpServer.moc"
