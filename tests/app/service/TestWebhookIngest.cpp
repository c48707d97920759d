// WebhookIngest on its own: a webhook is answered only after its commit, forged ones are refused and
// logged but never stored, a redelivery is stored once, replays are idempotent and verified again,
// a store that cannot commit is answered 5xx, Twilio's inbound gets empty TwiML, and the provider
// answers the GET handshake. A real store and a real MetaCloudProvider on the in-process emulator;
// redeliveries come over loopback HTTP, as a provider sends them.
#include "app/service/WebhookIngest.h"
#include "providers/twilio/TwilioProvider.h"
#include "providers/twilio/TwilioSignature.h"
#include "tests/support/ServiceTestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace ServiceTest;
using namespace Qt::StringLiterals;

namespace
{

Result<WebhookOutcome> receive(WebhookIngest& ingest, const WebhookRequest& request)
{
    QObject context;
    return await<WebhookOutcome>(
        [&](auto done) { ingest.receive(request, &context, [done](WebhookOutcome outcome) { done(outcome); }); });
}

Result<WebhookOutcome> replay(WebhookIngest& ingest, qint64 logId)
{
    QObject context;
    return await<WebhookOutcome>([&](auto done) { ingest.replay(logId, &context, done); });
}

struct HttpAnswer
{
    int status = 0; // 0: no answer in time
    QByteArray body;
};

// POSTs the request's body and headers to `url`, as the provider would.
HttpAnswer post(const QUrl& url, const WebhookRequest& request)
{
    QNetworkAccessManager network;
    QNetworkRequest http(url);
    for (const auto& [name, value] : request.headers) {
        http.setRawHeader(name, value);
    }
    std::unique_ptr<QNetworkReply> reply(network.post(http, request.body));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 10000)) {
        return {};
    }
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

} // namespace

class TestWebhookIngest : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void acceptedIsStoredBeforeTheAnswer();
    void redeliveryIsStoredOnce();
    void refusedSignatureIsLoggedNotStored_data();
    void refusedSignatureIsLoggedNotStored();
    void unparseableIsInvalid();
    void replayIsIdempotent();
    void failedCommitIsNotAcknowledged();
    void twilioInboundGetsEmptyTwiml();
    void verificationChallenge();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWebhookIngest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWebhookIngest::cleanup()
{
    m_dir.reset();
}

void TestWebhookIngest::acceptedIsStoredBeforeTheAnswer()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    MessageReader reader(h.store->database());
    WebhookIngest ingest(h.store.get(), &reader, h.provider.get());
    QSignalSpy conversations(h.store.get(), &MessageStore::conversationChanged);
    WebhookRequest request = h.metaWebhook(
        metaInboundBody(u"wamid.HBgLMTQxNTU1NTAxMDAVAgASGBQzQUNEMEY="_s, u"14155550100"_s, u"Olá, preciso de ajuda"_s));
    request.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer must-not-be-logged")));

    const Result<WebhookOutcome> outcome = receive(ingest, request);
    QVERIFY(outcome);
    QCOMPARE(outcome->httpStatus, 200);
    QCOMPARE(outcome->body, QByteArray("OK"));
    QCOMPARE(outcome->verdict, WebhookLogEntry::Verdict::Accepted);
    QVERIFY(outcome->logId > 0);

    // Answered only after the commit: a fresh reader sees the message at once.
    MessageReader fresh(h.database());
    const Result<QList<StoredMessage>> stored = fresh.contactMessages(kCustomer);
    QVERIFY(stored);
    QCOMPARE(stored->size(), 1);
    QCOMPARE(stored->first().body, u"Olá, preciso de ajuda"_s);
    QCOMPARE(stored->first().direction, MessageDirection::Inbound);

    const Result<WebhookLogEntry> logged = fresh.webhookLogEntry(outcome->logId);
    QVERIFY(logged);
    QCOMPARE(logged->verdict, WebhookLogEntry::Verdict::Accepted);
    QCOMPARE(logged->body, request.body);
    QVERIFY(logged->headers.contains(u"x-hub-signature-256"_s));
    QVERIFY(!logged->headers.contains(u"authorization"_s));
    QVERIFY(!QJsonDocument(logged->headers).toJson().contains("must-not-be-logged"));
    QTRY_VERIFY(!conversations.isEmpty());
}

void TestWebhookIngest::redeliveryIsStoredOnce()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    MessageReader reader(h.store->database());
    WebhookIngest ingest(h.store.get(), &reader, h.provider.get());
    h.receiver.attachIngest(&ingest);
    const WebhookRequest request =
        h.metaWebhook(metaInboundBody(u"wamid.REDELIVERED"_s, u"14155550100"_s, u"are you there?"_s));

    // Meta redelivers the very same signed request when it is not sure the first one arrived.
    for (int delivery = 1; delivery <= 2; ++delivery) {
        const HttpAnswer answer = post(h.receiver.url(), request);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body, QByteArray("OK"));
        // The 200 left after the commit: a fresh reader sees the message as soon as it arrives.
        MessageReader fresh(h.database());
        const Result<QList<StoredMessage>> stored = fresh.contactMessages(kCustomer);
        QVERIFY2(stored, qPrintable(why(stored)));
        QCOMPARE(stored->size(), 1);
        QCOMPARE(stored->first().providerMessageId, u"wamid.REDELIVERED"_s);
    }
    QCOMPARE(h.receiver.answered(200), 2);

    // Both deliveries are in the log.
    const Result<QList<WebhookLogEntry>> log = h.read().webhookLog(10);
    QVERIFY(log);
    int accepted = 0;
    for (const WebhookLogEntry& entry : *log) {
        if (entry.body == request.body && entry.verdict == WebhookLogEntry::Verdict::Accepted) {
            ++accepted;
        }
    }
    QCOMPARE(accepted, 2);
}

void TestWebhookIngest::refusedSignatureIsLoggedNotStored_data()
{
    QTest::addColumn<QByteArray>("signature"); // empty: no header
    QTest::addColumn<bool>("alterBody");

    QTest::newRow("forged signature") << QByteArray("sha256=" + QByteArray(64, 'a')) << false;
    QTest::newRow("signed with another secret")
        << MetaSignature::sign("another-secret", metaInboundBody(u"wamid.X1"_s, u"14155550100"_s, u"hi"_s)) << false;
    QTest::newRow("body altered after signing") << QByteArray() << true;
    QTest::newRow("no signature header") << QByteArray("none") << false;
}

void TestWebhookIngest::refusedSignatureIsLoggedNotStored()
{
    QFETCH(QByteArray, signature);
    QFETCH(bool, alterBody);

    Harness h(m_dir->path());
    QVERIFY(h.up());
    MessageReader reader(h.store->database());
    WebhookIngest ingest(h.store.get(), &reader, h.provider.get());
    QSignalSpy refusedSpy(&ingest, &WebhookIngest::refused);
    const QByteArray body = metaInboundBody(u"wamid.X1"_s, u"14155550100"_s, u"hi"_s);
    WebhookRequest request =
        h.metaWebhook(body, signature.isEmpty() ? std::nullopt : std::optional<QByteArray>(signature));
    if (alterBody) {
        request.body.replace("\"hi\"", "\"HI\"");
    }
    if (signature == "none") {
        request.headers.removeIf([](const auto& header) { return header.first == "X-Hub-Signature-256"; });
    }

    const Result<WebhookOutcome> outcome = receive(ingest, request);
    QVERIFY(outcome);
    QCOMPARE(outcome->httpStatus, 403);
    QCOMPARE(outcome->verdict, WebhookLogEntry::Verdict::Refused);
    QVERIFY(!outcome->reason.isEmpty());
    QCOMPARE(refusedSpy.size(), 1);
    QCOMPARE(refusedSpy.first().first().toString(), outcome->reason);

    const Result<WebhookLogEntry> logged = h.read().webhookLogEntry(outcome->logId);
    QVERIFY(logged);
    QCOMPARE(logged->verdict, WebhookLogEntry::Verdict::Refused);
    QCOMPARE(logged->reason, outcome->reason);
    QCOMPARE(logged->body, request.body);
    const Result<QList<StoredMessage>> stored = h.read().contactMessages(kCustomer);
    QVERIFY(stored);
    QCOMPARE(stored->size(), 0);
}

void TestWebhookIngest::unparseableIsInvalid()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    MessageReader reader(h.store->database());
    WebhookIngest ingest(h.store.get(), &reader, h.provider.get());
    const Result<WebhookOutcome> outcome = receive(ingest, h.metaWebhook("{not json"));
    QVERIFY(outcome);
    QCOMPARE(outcome->httpStatus, 400);
    QCOMPARE(outcome->verdict, WebhookLogEntry::Verdict::Invalid);
    const Result<WebhookLogEntry> logged = h.read().webhookLogEntry(outcome->logId);
    QVERIFY(logged);
    QCOMPARE(logged->verdict, WebhookLogEntry::Verdict::Invalid);
}

void TestWebhookIngest::replayIsIdempotent()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    MessageReader reader(h.store->database());
    WebhookIngest ingest(h.store.get(), &reader, h.provider.get());
    const Result<WebhookOutcome> first =
        receive(ingest, h.metaWebhook(metaInboundBody(u"wamid.REPLAY1"_s, u"14155550100"_s, u"once"_s)));
    QVERIFY(first && first->httpStatus == 200);

    for (int i = 0; i < 2; ++i) {
        const Result<WebhookOutcome> replayed = replay(ingest, first->logId);
        QVERIFY2(replayed, qPrintable(why(replayed)));
        QCOMPARE(replayed->httpStatus, 200);
        QVERIFY(replayed->logId != first->logId);
        QCOMPARE(h.read().webhookLogEntry(replayed->logId)->reason, u"replay of #%1"_s.arg(first->logId));
    }
    const Result<QList<StoredMessage>> stored = h.read().contactMessages(kCustomer);
    QVERIFY(stored);
    QCOMPARE(stored->size(), 1);

    const Result<WebhookOutcome> unknown = replay(ingest, 987654);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, u"store.not_found"_s);

    // A refused request in the log does not get in through a replay.
    const Result<WebhookOutcome> forged = receive(
        ingest,
        h.metaWebhook(metaInboundBody(u"wamid.FORGED"_s, u"14155550100"_s, u"evil"_s), QByteArray("sha256=00")));
    QVERIFY(forged && forged->httpStatus == 403);
    const Result<WebhookOutcome> replayedForged = replay(ingest, forged->logId);
    QVERIFY(replayedForged);
    QCOMPARE(replayedForged->httpStatus, 403);
    QCOMPARE(h.read().contactMessages(kCustomer)->size(), 1);

    // Meta's request means nothing to Twilio's parser: not replayed through another provider.
    TwilioProvider twilio(TwilioConfig{}, h.network.get());
    WebhookIngest other(h.store.get(), &reader, &twilio);
    const Result<WebhookOutcome> elsewhere = replay(other, first->logId);
    QVERIFY(!elsewhere);
    QCOMPARE(elsewhere.error().code, u"replay.provider"_s);
}

void TestWebhookIngest::failedCommitIsNotAcknowledged()
{
    Harness h(m_dir->path());
    QVERIFY(h.setUp());
    const WebhookRequest request = h.metaWebhook(metaInboundBody(u"wamid.LOST"_s, u"14155550100"_s, u"lost?"_s));

    // A folder is no database: the store never opens, so nothing can commit.
    StoreOptions broken;
    broken.path = m_dir->path();
    MessageStore store(broken);
    QObject context;
    QVERIFY(!await<OpenReport>([&](auto done) { store.open(&context, done); }));
    MessageReader reader(store.database());
    WebhookIngest ingest(&store, &reader, h.provider.get());
    const Result<WebhookOutcome> outcome = receive(ingest, request);
    QVERIFY(outcome);
    QCOMPARE(outcome->httpStatus, 503); // the provider retries later
    QCOMPARE(outcome->body, QByteArray("Store unavailable, retry later"));
    QVERIFY(!outcome->reason.isEmpty());
    QCOMPARE(outcome->logId, 0);

    // No provider: nothing can be verified, so nothing is acknowledged either.
    WebhookIngest unconfigured(&store, &reader, nullptr);
    const Result<WebhookOutcome> refused = receive(unconfigured, request);
    QVERIFY(refused);
    QCOMPARE(refused->httpStatus, 503);
    QCOMPARE(refused->verdict, WebhookLogEntry::Verdict::Invalid);
}

void TestWebhookIngest::twilioInboundGetsEmptyTwiml()
{
    Harness h(m_dir->path());
    QVERIFY(h.setUp());
    h.makeService();
    QVERIFY(h.openStore());
    TwilioConfig tc;
    tc.accountSid = u"AC"_s + QString(32, u'a');
    tc.authToken = u"twilio-test-token"_s;
    tc.fromNumber = u"+14155238886"_s;
    tc.webhookUrl = h.receiver.url();
    tc.statusCallbackUrl = h.receiver.url();
    TwilioProvider twilio(tc, h.network.get());
    MessageReader reader(h.store->database());
    WebhookIngest ingest(h.store.get(), &reader, &twilio);

    const Form::Fields fields{{u"AccountSid"_s, tc.accountSid},
                              {u"ApiVersion"_s, u"2010-04-01"_s},
                              {u"Body"_s, u"Olá + obrigado"_s},
                              {u"From"_s, u"whatsapp:+5511987654321"_s},
                              {u"To"_s, u"whatsapp:+14155238886"_s},
                              {u"MessageSid"_s, u"SM"_s + QString(32, u'c')},
                              {u"NumMedia"_s, u"0"_s},
                              {u"ProfileName"_s, u"José"_s},
                              {u"SmsStatus"_s, u"received"_s},
                              {u"WaId"_s, u"5511987654321"_s}};
    WebhookRequest request;
    request.url = h.receiver.url();
    request.body = Form::encode(fields);
    request.headers = {
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"X-Twilio-Signature", TwilioSignature::sign(tc.authToken, h.receiver.url().toString(), fields)}};
    const Result<WebhookOutcome> outcome = receive(ingest, request);
    QVERIFY(outcome);
    QCOMPARE(outcome->httpStatus, 200);
    QCOMPARE(outcome->contentType, QByteArray("text/xml"));
    QVERIFY(outcome->body.contains("<Response/>"));
    const Result<QList<StoredMessage>> stored = h.read().contactMessages(u"+5511987654321"_s);
    QVERIFY(stored);
    QCOMPARE(stored->size(), 1);
    QCOMPARE(stored->first().body, u"Olá + obrigado"_s);
}

void TestWebhookIngest::verificationChallenge()
{
    Harness h(m_dir->path());
    QVERIFY(h.setUp());
    h.makeService();
    MessageReader reader(h.store->database());
    WebhookIngest ingest(h.store.get(), &reader, h.provider.get());
    QUrlQuery good;
    good.addQueryItem(u"hub.mode"_s, u"subscribe"_s);
    good.addQueryItem(u"hub.verify_token"_s, kVerifyToken);
    good.addQueryItem(u"hub.challenge"_s, u"1158201444"_s);
    const Result<QString> challenge = ingest.verificationChallenge(good);
    QVERIFY(challenge);
    QCOMPARE(*challenge, u"1158201444"_s);

    QUrlQuery bad = good;
    bad.removeAllQueryItems(u"hub.verify_token"_s);
    bad.addQueryItem(u"hub.verify_token"_s, u"guess"_s);
    QVERIFY(!ingest.verificationChallenge(bad));

    // Twilio has no such handshake (it signs every request): the provider's default refuses.
    TwilioProvider twilio(TwilioConfig{}, h.network.get());
    const Result<QString> refused = WebhookIngest(h.store.get(), &reader, &twilio).verificationChallenge(good);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, u"not_meta"_s);
    QVERIFY(refused.error().message.contains(u"twilio"_s));

    const Result<QString> unconfigured = WebhookIngest(h.store.get(), &reader, nullptr).verificationChallenge(good);
    QVERIFY(!unconfigured);
    QCOMPARE(unconfigured.error().code, u"not_meta"_s);
}

QTEST_GUILESS_MAIN(TestWebhookIngest)
#include "TestWebhookIngest.moc"
