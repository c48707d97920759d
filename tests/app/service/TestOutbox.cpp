// The outbox against the in-process Meta emulator over loopback HTTP: injected faults, the rate
// limit, configuration errors, restarts and graceful stops. Every message must end sent (and climb
// to read through status webhooks), failed with a reason, or unknown after a timeout, and the
// emulator must accept each one at most once.
#include "tests/support/ServiceTestSupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace ServiceTest;
using namespace Qt::StringLiterals;

class TestOutbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void faultsSettleEveryMessage_data();
    void faultsSettleEveryMessage();
    void retryAfterIsHonoured();
    void rateLimitIsRespected();
    void concurrencyIsBounded();
    void aSlotHoldsOnlyTheExchange();
    void credentialErrorPausesTheOutbox();
    void messagesNoLongerPendingAreDropped();
    void restartRecoversPendingAndSendingRows();
    void stopWaitsForRequestsInFlight();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

// Texts `<prefix> 0`, `<prefix> 1`, ... to the customer through the service; the ids it stored.
QList<qint64> sendTexts(Harness& h, const QString& prefix, int count)
{
    QList<qint64> ids;
    for (int i = 0; i < count; ++i) {
        if (const Result<SendReceipt> receipt = h.sendText(kCustomer, QStringLiteral("%1 %2").arg(prefix).arg(i))) {
            ids << receipt->id;
        }
    }
    return ids;
}

// The most requests the outbox had at the provider at once until it was empty (-1: it never was).
int peakInFlightUntilEmpty(Harness& h, int timeoutMs)
{
    int peak = 0;
    const bool emptied = QTest::qWaitFor(
        [&] {
            peak = std::max(peak, h.service->outbox()->inFlight());
            return h.service->outboxLength() == 0;
        },
        timeoutMs);
    return emptied ? peak : -1;
}

} // namespace

void TestOutbox::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestOutbox::cleanup()
{
    m_dir.reset();
}

void TestOutbox::faultsSettleEveryMessage_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("expectedFailed");
    QTest::addColumn<int>("expectedUnknown");
    QTest::addColumn<QString>("failedCode");
    QTest::addColumn<int>("minRetries"); // retries recorded in the status histories, at least

    QTest::newRow("500 twice: retried") << u"500x2"_s << 0 << 0 << QString() << 2;
    QTest::newRow("503 three times: retried") << u"503x3"_s << 0 << 0 << QString() << 3;
    QTest::newRow("429 with Retry-After 0: retried") << u"429:0x2"_s << 0 << 0 << QString() << 2;
    // QNAM itself resends a request whose kept-alive connection closed first; more resets reach us.
    QTest::newRow("connection reset: retried") << u"resetx6"_s << 0 << 0 << QString() << 1;
    QTest::newRow("Meta throughput 130429: retried") << u"error:130429x2"_s << 0 << 0 << QString() << 2;
    QTest::newRow("timeout: unknown, never resent") << u"timeoutx1"_s << 0 << 1 << QString() << 0;
    QTest::newRow("permanent 131008: failed at once") << u"error:131008x1"_s << 1 << 0 << u"131008"_s << 0;
    QTest::newRow("500 forever: failed after the last attempt") << u"500"_s << 5 << 0 << u"131000"_s << 25;
}

void TestOutbox::faultsSettleEveryMessage()
{
    QFETCH(QString, fault);
    QFETCH(int, expectedFailed);
    QFETCH(int, expectedUnknown);
    QFETCH(QString, failedCode);
    QFETCH(int, minRetries);

    HarnessOptions options;
    options.concurrency = 2;
    Harness h(m_dir->path(), options);
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    const Result<FaultSpec> spec = FaultSpec::parse(fault);
    QVERIFY(spec);
    h.emulator->addFault(*spec);

    constexpr int kMessages = 5;
    QList<qint64> ids;
    for (int i = 0; i < kMessages; ++i) {
        const Result<SendReceipt> receipt = h.sendText(kCustomer, QStringLiteral("message %1").arg(i));
        QVERIFY2(receipt, qPrintable(why(receipt)));
        QCOMPARE(receipt->status, MessageStatus::Pending);
        ids << receipt->id;
    }

    // Settled: accepted messages climb to read through the status webhooks; the rest end failed or unknown.
    auto settled = [&] {
        for (const qint64 id : std::as_const(ids)) {
            const MessageStatus s = h.statusOf(id);
            if (s != MessageStatus::Read && s != MessageStatus::Failed && s != MessageStatus::Unknown) {
                return false;
            }
        }
        return h.service->outboxLength() == 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(settled(), 15000);

    int failed = 0;
    int unknown = 0;
    int retries = 0;
    for (int i = 0; i < kMessages; ++i) {
        const Result<StoredMessage> row = h.message(ids.at(i));
        QVERIFY(row);
        for (const StatusEvent& event : row->history) {
            retries += event.rawStatus == QLatin1String("retry") ? 1 : 0;
        }
        const int accepted = h.acceptedCount(QStringLiteral("message %1").arg(i));
        QVERIFY2(accepted <= 1, qPrintable(QStringLiteral("message %1 accepted %2 times").arg(i).arg(accepted)));
        if (row->status == MessageStatus::Failed) {
            ++failed;
            QCOMPARE(row->errorCode, failedCode);
            QVERIFY(!row->errorMessage.isEmpty());
            QCOMPARE(accepted, 0);
        } else if (row->status == MessageStatus::Unknown) {
            ++unknown;
            QVERIFY(!row->errorMessage.isEmpty());
        } else {
            QCOMPARE(accepted, 1);
            QVERIFY(!row->providerMessageId.isEmpty());
        }
    }
    QCOMPARE(failed, expectedFailed);
    QCOMPARE(unknown, expectedUnknown);
    QVERIFY2(retries >= minRetries, qPrintable(QStringLiteral("%1 retries").arg(retries)));
    if (expectedFailed == 0 && expectedUnknown == 0 && minRetries > 0) {
        QVERIFY2(retries <= 6, qPrintable(QStringLiteral("%1 retries").arg(retries))); // faults are counted
    }

    // A timed-out message stays unknown: one more round of everything must not resend it.
    if (expectedUnknown > 0) {
        const int before = static_cast<int>(h.emulator->acceptedMessages().size());
        const Result<SendReceipt> probe = h.sendText(kCustomer, u"probe"_s);
        QVERIFY(probe);
        QTRY_COMPARE(h.statusOf(probe->id), MessageStatus::Read);
        QCOMPARE(h.emulator->acceptedMessages().size(), before + 1);
    }
}

void TestOutbox::retryAfterIsHonoured()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    h.emulator->addFault(*FaultSpec::parse(u"429:1x1"_s));

    QSignalSpy accepted(h.emulator.get(), &EmulatorBase::messageAccepted);
    QElapsedTimer clock;
    clock.start();
    const Result<SendReceipt> receipt = h.sendText(kCustomer, u"slow down"_s);
    QVERIFY(receipt);
    QVERIFY(accepted.wait(5000));
    // The backoff alone would retry after ~20 ms; Retry-After asked for a second.
    QVERIFY2(clock.elapsed() >= 1000, qPrintable(QString::number(clock.elapsed())));
    QTRY_COMPARE(h.statusOf(receipt->id), MessageStatus::Read);
    const Result<StoredMessage> row = h.message(receipt->id);
    QVERIFY(row);
    bool retried = false;
    for (const StatusEvent& event : row->history) {
        retried = retried || (event.rawStatus == QLatin1String("retry") && event.errorCode == QLatin1String("130429"));
    }
    QVERIFY(retried);
}

void TestOutbox::rateLimitIsRespected()
{
    HarnessOptions options;
    options.rate = 20;
    options.concurrency = 32;
    Harness h(m_dir->path(), options);
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));

    QList<qint64> times;
    QElapsedTimer clock;
    clock.start();
    connect(
        h.emulator.get(), &EmulatorBase::messageAccepted, &h.context, [&times, &clock] { times << clock.elapsed(); });
    for (int i = 0; i < 20; ++i) {
        QVERIFY(h.sendText(kCustomer, QStringLiteral("paced %1").arg(i)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(times.size(), 20, 10000);
    const qint64 spread = times.last() - times.first();
    // 20 msg/s: 19 gaps of 50 ms after the first.
    QVERIFY2(spread >= 900, qPrintable(QStringLiteral("20 messages went out in %1 ms").arg(spread)));
    QVERIFY2(spread < 4000, qPrintable(QStringLiteral("20 messages took %1 ms").arg(spread)));
}

void TestOutbox::concurrencyIsBounded()
{
    HarnessOptions options;
    options.concurrency = 3;
    options.latencyMs = 150;
    Harness h(m_dir->path(), options);
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));

    const QList<qint64> ids = sendTexts(h, u"bounded"_s, 9);
    QCOMPARE(ids.size(), 9);
    QCOMPARE(peakInFlightUntilEmpty(h, 10000), 3);
    QCOMPARE(h.service->outboxLength(), 0);
    for (const qint64 id : std::as_const(ids)) {
        QTRY_COMPARE(h.statusOf(id), MessageStatus::Read);
    }
}

void TestOutbox::aSlotHoldsOnlyTheExchange()
{
    HarnessOptions options;
    options.concurrency = 4;
    options.latencyMs = 600;
    Harness h(m_dir->path(), options);
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    QCOMPARE(h.service->outbox()->markedAheadLimit(), 1);

    const QList<qint64> ids = sendTexts(h, u"slot"_s, 10);
    QCOMPARE(ids.size(), 10);
    const auto countWith = [&](MessageStatus status) {
        return std::count_if(ids.cbegin(), ids.cend(), [&](qint64 id) { return h.statusOf(id) == status; });
    };
    // While four requests wait for their answers, a fifth is already committed as `sending`, ready
    // for the first slot that frees; the rest wait as `pending`.
    QTRY_COMPARE(h.service->outbox()->inFlight(), 4);
    QTRY_COMPARE(countWith(MessageStatus::Sending), 5);
    QCOMPARE(countWith(MessageStatus::Pending), 5);
    QCOMPARE(h.service->outbox()->inFlight(), 4);

    QCOMPARE(peakInFlightUntilEmpty(h, 20000), 4);
    for (int i = 0; i < ids.size(); ++i) {
        QTRY_COMPARE(h.statusOf(ids.at(i)), MessageStatus::Read);
        QCOMPARE(h.acceptedCount(QStringLiteral("slot %1").arg(i)), 1);
    }
}

void TestOutbox::credentialErrorPausesTheOutbox()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    h.emulator->addFault(*FaultSpec::parse(u"401x1"_s));
    QSignalSpy problems(h.service.get(), &WhatsAppService::providerProblem);

    const Result<SendReceipt> first = h.sendText(kCustomer, u"bad token"_s);
    QVERIFY(first);
    QVERIFY(problems.wait(5000));
    QCOMPARE(problems.first().first().value<Error>().kind, Error::Kind::Authentication);
    QTRY_COMPARE(h.statusOf(first->id), MessageStatus::Failed);
    QCOMPARE(h.message(first->id)->errorCode, u"190"_s);
    QVERIFY(h.service->isOutboxPaused());

    // Paused: a new message is stored and waits.
    const Result<SendReceipt> second = h.sendText(kCustomer, u"after the fix"_s);
    QVERIFY(second);
    QTRY_COMPARE(h.service->outboxLength(), 1);
    QCOMPARE(h.statusOf(second->id), MessageStatus::Pending);
    QCOMPARE(h.acceptedCount(u"after the fix"_s), 0);

    h.service->resumeOutbox();
    QTRY_COMPARE(h.statusOf(second->id), MessageStatus::Read);
    QCOMPARE(h.acceptedCount(u"after the fix"_s), 1);
    QCOMPARE(h.acceptedCount(u"bad token"_s), 0);
}

void TestOutbox::messagesNoLongerPendingAreDropped()
{
    // In team mode the sender is handed ids another process may have settled since: each one
    // that is gone (no such row, or no longer pending) is dropped, alone or after others, and
    // nothing is sent for it.
    Harness h(m_dir->path());
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    QSignalSpy settled(h.service->outbox(), &Outbox::messageSettled);
    h.service->outbox()->enqueue(900001);
    QTRY_COMPARE(settled.size(), 1);
    QCOMPARE(settled.first().at(0).toLongLong(), qint64(900001));
    h.service->outbox()->enqueue(900002);
    h.service->outbox()->enqueue(900003);
    QTRY_COMPARE(settled.size(), 3);
    QCOMPARE(h.service->outboxLength(), 0);

    // And the outbox goes on sending.
    const Result<SendReceipt> sent = h.sendText(kCustomer, u"still sending"_s);
    QVERIFY(sent);
    QTRY_COMPARE(h.statusOf(sent->id), MessageStatus::Read);
    QCOMPARE(h.acceptedCount(u"still sending"_s), 1);
}

void TestOutbox::restartRecoversPendingAndSendingRows()
{
    Harness h(m_dir->path());
    QVERIFY(h.setUp());
    h.makeService(); // not started: nothing is dispatched
    QVERIFY(h.openStore());
    QVERIFY(h.customerWrote(kCustomer));
    const Result<SendReceipt> pending = h.sendText(kCustomer, u"left pending"_s);
    QVERIFY(pending);
    const Result<SendReceipt> inFlight = h.sendText(kCustomer, u"left sending"_s);
    QVERIFY(inFlight);
    // As if FlowChat died after committing `sending` for this one.
    const Result<MessageUpdate> marked =
        await<MessageUpdate>([&](auto done) { h.store->markSending(inFlight->id, u"meta"_s, &h.context, done); });
    QVERIFY(marked);
    QCOMPARE(h.statusOf(inFlight->id), MessageStatus::Sending);
    h.closeService();
    QCOMPARE(h.emulator->acceptedMessages().size(), 0);

    h.makeService();
    QVERIFY(h.startService());
    QTRY_COMPARE(h.statusOf(pending->id), MessageStatus::Read);
    QCOMPARE(h.statusOf(inFlight->id), MessageStatus::Unknown);
    QCOMPARE(h.acceptedCount(u"left pending"_s), 1);
    QCOMPARE(h.acceptedCount(u"left sending"_s), 0);

    // The operator decides: resend the unknown one, exactly once.
    const Result<SendReceipt> resent =
        await<SendReceipt>([&](auto done) { h.service->resend(inFlight->id, &h.context, done); });
    QVERIFY2(resent, qPrintable(why(resent)));
    QTRY_COMPARE(h.statusOf(inFlight->id), MessageStatus::Read);
    QCOMPARE(h.acceptedCount(u"left sending"_s), 1);
}

void TestOutbox::stopWaitsForRequestsInFlight()
{
    HarnessOptions options;
    options.latencyMs = 200;
    Harness h(m_dir->path(), options);
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        const Result<SendReceipt> receipt = h.sendText(kCustomer, QStringLiteral("in flight %1").arg(i));
        QVERIFY(receipt);
        ids << receipt->id;
    }
    QTRY_COMPARE(h.service->outbox()->inFlight(), 3);

    bool stopped = false;
    h.service->stop(&h.context, [&stopped] { stopped = true; });
    QTRY_VERIFY(stopped);
    QCOMPARE(h.service->outbox()->inFlight(), 0);
    for (const qint64 id : std::as_const(ids)) {
        const MessageStatus status = h.statusOf(id);
        QVERIFY2(status != MessageStatus::Sending && status != MessageStatus::Pending,
                 qPrintable(Status::toString(status)));
    }
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "TestOutbox.moc"
