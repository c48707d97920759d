// The console's service thread and its facade: the whole stack that `--headless` runs, on a
// thread of its own, driven from this (the GUI's) thread by queued calls whose answers and state
// signals arrive here. A blocked GUI thread does not stop webhooks or the API from being answered.
#include "app/headless/ServiceThread.h"
#include "app/service/ServiceClient.h"
#include "tests/support/ConfigSupport.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;

class TestServiceThread : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void runsOnItsOwnThreadAndAnswersHere();
    void answersHttpWhileThisThreadIsBlocked();
    void detachedClientAnswersUnavailable();
    void stopEndsTheThreadAndCallsBackHere();
    void stopBeforeStartedArrivesNeverReportsIt();

private:
    bool startService();

    std::unique_ptr<QTemporaryDir> m_dir;
    quint16 m_port = 0;
    std::unique_ptr<ServiceThread> m_service;
    std::unique_ptr<ServiceClient> m_client;
};

void TestServiceThread::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(startService());
}

void TestServiceThread::cleanup()
{
    if (m_client) {
        m_client->detach();
    }
    if (m_service) {
        bool stopped = false;
        m_service->stop(5000, [&stopped] { stopped = true; });
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 15000);
    }
    m_client.reset();
    m_service.reset();
    m_dir.reset();
}

bool TestServiceThread::startService()
{
    m_port = ConfigSupport::freePort();
    m_service = std::make_unique<ServiceThread>(ConfigSupport::sandbox(m_dir->path(), m_port));
    QSignalSpy started(m_service.get(), &ServiceThread::started);
    QSignalSpy failed(m_service.get(), &ServiceThread::failed);
    m_service->start();
    // started() is queued to this thread, so the spy cannot miss it before wait() begins.
    if (!started.wait(15000) || !failed.isEmpty() || !m_service->service()) {
        return false;
    }
    m_client = std::make_unique<ServiceClient>(m_service->service());
    return true;
}

void TestServiceThread::runsOnItsOwnThreadAndAnswersHere()
{
    QThread* here = QThread::currentThread();
    QVERIFY(m_service->service()->thread() != here);
    QCOMPARE(m_service->service()->thread()->objectName(), u"flowchat-service"_s);
    QVERIFY(m_client->isSandbox());

    // A call is queued there; its answer and the service's signals come back here.
    QSignalSpy changed(m_client.get(), &ServiceClient::messageChanged);
    QThread* answeredOn = nullptr;
    bool answered = false;
    m_client->simulateCustomerMessage(this, [&](Result<void> result) {
        QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
        answeredOn = QThread::currentThread();
        answered = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
    QCOMPARE(answeredOn, here);
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 10000);

    // State kept here as values: the provider's health after a probe, the outbox's length.
    m_client->checkProvider();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->healthState(), ProviderHealth::State::Answering, 10000);
    QCOMPARE(m_client->outboxLength(), 0);
    QVERIFY(!m_client->isOutboxPaused());
}

void TestServiceThread::answersHttpWhileThisThreadIsBlocked()
{
    // This thread runs no event loop until the answer is in: a service that needed it would
    // never answer (it did, before the service had a thread of its own: the window froze the API).
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(socket.waitForConnected(5000));
    socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    QVERIFY(socket.waitForBytesWritten(5000));
    QByteArray answer;
    while (socket.waitForReadyRead(5000)) {
        answer += socket.readAll();
    }
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
}

void TestServiceThread::detachedClientAnswersUnavailable()
{
    m_client->detach();
    QVERIFY(!m_client->isAttached());
    QVERIFY(!m_client->providerTraffic());
    std::optional<Result<SendReceipt>> receipt;
    SendRequest request;
    request.to = u"+14155550100"_s;
    request.body = u"after the service went"_s;
    m_client->send(request, this, [&receipt](Result<SendReceipt> result) { receipt = std::move(result); });
    QVERIFY(!receipt); // never synchronously, even when the answer is known at once
    QTRY_VERIFY(receipt.has_value());
    QVERIFY(!*receipt);
    QCOMPARE(receipt->error().kind, Error::Kind::Unavailable);
    QCOMPARE(receipt->error().code, u"service.stopped"_s);
    // The reader stays, so the window keeps showing the history while the service restarts.
    QVERIFY(m_client->reader());
}

void TestServiceThread::stopEndsTheThreadAndCallsBackHere()
{
    QPointer<QThread> thread = m_service->service()->thread();
    m_client->detach();
    QThread* calledOn = nullptr;
    bool stopped = false;
    m_service->stop(5000, [&] {
        calledOn = QThread::currentThread();
        stopped = true;
    });
    QVERIFY(!stopped); // stop() returns at once; the host stops on its own thread
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 15000);
    QCOMPARE(calledOn, QThread::currentThread());
    QVERIFY(!m_service->service());
    QVERIFY(thread && thread->isFinished());
    // Its port is free again: a restarted console can listen on it.
    QTcpServer again;
    QVERIFY2(again.listen(QHostAddress::LocalHost, m_port), qPrintable(again.errorString()));
    m_service.reset();
}

void TestServiceThread::stopBeforeStartedArrivesNeverReportsIt()
{
    // A console told to quit (SIGINT) while its service's started() is still queued here: the
    // console must not build a client on a service being destroyed (it crashed doing so).
    QTemporaryDir dir;
    const quint16 port = ConfigSupport::freePort();
    ServiceThread service(ConfigSupport::sandbox(dir.path(), port));
    QSignalSpy started(&service, &ServiceThread::started);
    service.start();
    // Without running this thread's event loop, wait until the host answers HTTP: it has started,
    // and its started() is queued here, not yet delivered.
    QByteArray answer;
    const QDeadlineTimer deadline(15000);
    while (!answer.startsWith("HTTP/1.1 200") && !deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(1000)) {
            continue; // not listening yet
        }
        socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        socket.waitForBytesWritten(1000);
        answer.clear();
        while (socket.waitForReadyRead(1000)) {
            answer += socket.readAll();
        }
    }
    QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    QCOMPARE(started.count(), 0);

    bool stopped = false;
    service.stop(5000, [&stopped] { stopped = true; });
    QVERIFY(!service.service());
    QTRY_VERIFY_WITH_TIMEOUT(stopped, 15000);
    QCOMPARE(started.count(), 0);
    QVERIFY(!service.service());
}

QTEST_GUILESS_MAIN(TestServiceThread)
#include "TestServiceThread.moc"
