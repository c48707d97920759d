// WhatsAppService: validation before anything is stored, the 24-hour window, template checks against
// the synced cache, status webhooks up the ladder, resend/dismiss, and the facade's forwarding to
// WebhookIngest and MediaFetcher (each tested on its own in TestWebhookIngest and TestMediaFetcher).
// Everything runs against the in-process Meta emulator over loopback HTTP.
#include "app/service/ProviderFactory.h"
#include "tests/support/LogCapture.h"
#include "tests/support/ServiceTestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace ServiceTest;
using namespace Qt::StringLiterals;

namespace
{

using Parameters = QList<QPair<QString, QString>>;

} // namespace

class TestWhatsAppService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sendValidation_data();
    void sendValidation();
    void replyToNeedsAKnownMessage();
    void eachMediaUrlBecomesAMessage();
    void window_data();
    void window();
    void templateValidation_data();
    void templateValidation();
    void syncTemplatesStoresAndSignals();
    void webhooksAndMediaGoThroughTheFacade();
    void statusWebhooksReachRead();
    void failedStatusKeepsTheProvidersReason();
    void resendAndDismiss();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWhatsAppService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestWhatsAppService::cleanup()
{
    m_dir.reset();
}

// ---- validation -----------------------------------------------------------------------------------

void TestWhatsAppService::sendValidation_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("mediaUrls");
    QTest::addColumn<QString>("field"); // empty: accepted

    const QString jpg = u"https://example.com/box.jpg"_s;
    QTest::newRow("plain text") << kCustomer << u"text"_s << u"Hello"_s << QStringList() << QString();
    QTest::newRow("text at 4096 characters")
        << kCustomer << u"text"_s << QString(4096, u'a') << QStringList() << QString();
    QTest::newRow("recipient formatted with spaces")
        << u"+1 415 555 0100"_s << u"text"_s << u"Hi"_s << QStringList() << QString();
    QTest::newRow("image with caption") << kCustomer << u"image"_s << u"The box"_s << QStringList{jpg} << QString();
    QTest::newRow("media URL sent as text becomes an image")
        << kCustomer << u"text"_s << QString() << QStringList{jpg} << QString();
    QTest::newRow("empty recipient") << QString() << u"text"_s << u"Hi"_s << QStringList() << u"to"_s;
    QTest::newRow("recipient that is not a number") << u"call me"_s << u"text"_s << u"Hi"_s << QStringList() << u"to"_s;
    QTest::newRow("recipient too short") << u"+12"_s << u"text"_s << u"Hi"_s << QStringList() << u"to"_s;
    QTest::newRow("unknown type") << kCustomer << u"poll"_s << u"Hi"_s << QStringList() << u"type"_s;
    QTest::newRow("inbound-only type") << kCustomer << u"location"_s << u"Hi"_s << QStringList() << u"type"_s;
    QTest::newRow("empty text") << kCustomer << u"text"_s << u"   "_s << QStringList() << u"body"_s;
    QTest::newRow("text over 4096 characters")
        << kCustomer << u"text"_s << QString(4097, u'a') << QStringList() << u"body"_s;
    QTest::newRow("media type without a URL") << kCustomer << u"image"_s << u"x"_s << QStringList() << u"media_url"_s;
    QTest::newRow("ftp media URL") << kCustomer << u"image"_s << QString() << QStringList{u"ftp://example.com/a.jpg"_s}
                                   << u"media_url"_s;
    QTest::newRow("relative media URL") << kCustomer << u"image"_s << QString() << QStringList{u"/a.jpg"_s}
                                        << u"media_url"_s;
    QTest::newRow("javascript media URL")
        << kCustomer << u"document"_s << QString() << QStringList{u"javascript:alert(1)"_s} << u"media_url"_s;
    QTest::newRow("caption on audio") << kCustomer << u"audio"_s << u"listen"_s
                                      << QStringList{u"https://example.com/a.ogg"_s} << u"body"_s;
    QTest::newRow("caption over 1024 characters")
        << kCustomer << u"image"_s << QString(1025, u'c') << QStringList{jpg} << u"body"_s;
}

void TestWhatsAppService::sendValidation()
{
    QFETCH(QString, to);
    QFETCH(QString, type);
    QFETCH(QString, body);
    QFETCH(QStringList, mediaUrls);
    QFETCH(QString, field);

    Harness h(m_dir->path());
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    h.service->outbox()->pause(); // only what was stored matters here

    SendRequest request;
    request.to = to;
    request.type = type;
    request.body = body;
    request.mediaUrls = mediaUrls;
    const Result<SendReceipt> receipt =
        await<SendReceipt>([&](auto done) { h.service->send(request, &h.context, done); });
    if (field.isEmpty()) {
        QVERIFY2(receipt, qPrintable(why(receipt)));
        QVERIFY(receipt->id > 0);
        QCOMPARE(receipt->status, MessageStatus::Pending);
        const Result<StoredMessage> row = h.message(receipt->id);
        QVERIFY(row);
        QCOMPARE(row->contactE164, kCustomer);
        QCOMPARE(row->status, MessageStatus::Pending);
        QCOMPARE(h.service->outboxLength(), 1);
        return;
    }
    QVERIFY(!receipt);
    QCOMPARE(receipt.error().kind, Error::Kind::Validation);
    QCOMPARE(receipt.error().field, field);
    QVERIFY(!receipt.error().message.isEmpty());
    QCOMPARE(h.service->outboxLength(), 0);
    const Result<QList<StoredMessage>> stored = h.read().contactMessages(kCustomer);
    QVERIFY(stored);
    QCOMPARE(stored->size(), 1); // only the customer's own message
}

void TestWhatsAppService::replyToNeedsAKnownMessage()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    const Result<QList<StoredMessage>> inbound = h.read().contactMessages(kCustomer);
    QVERIFY(inbound && inbound->size() == 1);

    SendRequest request;
    request.to = kCustomer;
    request.body = u"Answering you"_s;
    request.replyToId = 999999;
    const Result<SendReceipt> refused =
        await<SendReceipt>([&](auto done) { h.service->send(request, &h.context, done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().field, u"reply_to"_s);

    request.replyToId = inbound->first().id;
    const Result<SendReceipt> receipt =
        await<SendReceipt>([&](auto done) { h.service->send(request, &h.context, done); });
    QVERIFY2(receipt, qPrintable(why(receipt)));
    QTRY_COMPARE(h.emulator->acceptedMessages().size(), 1);
    const QJsonObject sent = h.emulator->acceptedMessages().first().toObject().value(u"request"_s).toObject();
    QCOMPARE(sent.value(u"context"_s).toObject().value(u"message_id"_s).toString(), inbound->first().providerMessageId);
}

void TestWhatsAppService::eachMediaUrlBecomesAMessage()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    SendRequest request;
    request.to = kCustomer;
    request.type = u"image"_s;
    request.body = u"Two photos"_s;
    request.mediaUrls = {u"https://example.com/1.jpg"_s, u"https://example.com/2.jpg"_s};
    const Result<SendReceipt> receipt =
        await<SendReceipt>([&](auto done) { h.service->send(request, &h.context, done); });
    QVERIFY2(receipt, qPrintable(why(receipt)));
    QCOMPARE(receipt->ids.size(), 2);
    QCOMPARE(receipt->ids.first(), receipt->id);
    for (const qint64 id : receipt->ids) {
        QTRY_COMPARE(h.statusOf(id), MessageStatus::Read);
    }
    QCOMPARE(h.message(receipt->ids.at(0))->body, u"Two photos"_s);
    QCOMPARE(h.message(receipt->ids.at(1))->body, QString());
    QCOMPARE(h.emulator->acceptedMessages().size(), 2);
}

void TestWhatsAppService::window_data()
{
    QTest::addColumn<qint64>("lastWroteHoursAgo"); // -1: never
    QTest::addColumn<QString>("policy");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("never wrote, enforce") << qint64(-1) << u"enforce"_s << false;
    QTest::newRow("wrote 25 hours ago, enforce") << qint64(25) << u"enforce"_s << false;
    QTest::newRow("wrote 23 hours ago, enforce") << qint64(23) << u"enforce"_s << true;
    QTest::newRow("never wrote, warn") << qint64(-1) << u"warn"_s << true;
    QTest::newRow("wrote 25 hours ago, warn") << qint64(25) << u"warn"_s << true;
}

void TestWhatsAppService::window()
{
    QFETCH(qint64, lastWroteHoursAgo);
    QFETCH(QString, policy);
    QFETCH(bool, accepted);

    HarnessOptions options;
    options.windowPolicy = policy;
    Harness h(m_dir->path(), options);
    QVERIFY(h.up());
    if (lastWroteHoursAgo >= 0) {
        QVERIFY(h.customerWrote(kCustomer, lastWroteHoursAgo * 3600 * 1000));
    }
    LogCapture logs;
    const Result<SendReceipt> receipt = h.sendText(kCustomer, u"Are you there?"_s);
    if (!accepted) {
        QVERIFY(!receipt);
        QCOMPARE(receipt.error().code, u"outside_window"_s);
        QCOMPARE(receipt.error().field, u"to"_s);
        QCOMPARE(receipt.error().kind, Error::Kind::OutsideWindow);
        QVERIFY(receipt.error().message.contains(u"template"_s));
        QCOMPARE(h.service->outboxLength(), 0);

        // A template is still allowed.
        QVERIFY(await<int>([&](auto done) { h.service->syncTemplates(&h.context, done); }));
        TemplateSendRequest tmpl;
        tmpl.to = kCustomer;
        tmpl.templateName = u"hello_world"_s;
        tmpl.languageCode = u"en_US"_s;
        const Result<SendReceipt> templated =
            await<SendReceipt>([&](auto done) { h.service->sendTemplate(tmpl, &h.context, done); });
        QVERIFY2(templated, qPrintable(why(templated)));
        QTRY_COMPARE(h.statusOf(templated->id), MessageStatus::Read);
        return;
    }
    QVERIFY2(receipt, qPrintable(why(receipt)));
    QTRY_COMPARE(h.statusOf(receipt->id), MessageStatus::Read);
    QCOMPARE(logs.contains(u"24-hour window"_s), policy == u"warn"_s && lastWroteHoursAgo != 23);
}

void TestWhatsAppService::templateValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("language");
    QTest::addColumn<Parameters>("parameters");
    QTest::addColumn<QString>("field"); // empty: accepted
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions"); // accepted: the rendered body; refused: a word of the message

    QTest::newRow("positional, complete")
        << u"order_update"_s << u"en_US"_s << Parameters{{u"2"_s, u"A-123"_s}, {u"1"_s, u"John"_s}} << QString()
        << QString() << u"Hi John, your order A-123 has shipped."_s;
    QTest::newRow("named, complete") << u"order_named"_s << u"en"_s
                                     << Parameters{{u"order_id"_s, u"B-7"_s}, {u"customer_name"_s, u"Jess"_s}}
                                     << QString() << QString() << u"Hi Jess, your order B-7 is ready for pickup."_s;
    QTest::newRow("no parameters needed")
        << u"hello_world"_s << u"en_US"_s << Parameters{} << QString() << QString() << u"Welcome and congratulations"_s;
    QTest::newRow("missing parameter") << u"order_update"_s << u"en_US"_s << Parameters{{u"1"_s, u"John"_s}}
                                       << u"parameters"_s << u"invalid_parameters"_s << u"{{2}}"_s;
    QTest::newRow("parameter the template lacks")
        << u"order_update"_s << u"en_US"_s << Parameters{{u"1"_s, u"a"_s}, {u"2"_s, u"b"_s}, {u"3"_s, u"c"_s}}
        << u"parameters"_s << u"invalid_parameters"_s << u"{{3}}"_s;
    QTest::newRow("named key for a positional template")
        << u"order_update"_s << u"en_US"_s << Parameters{{u"1"_s, u"a"_s}, {u"name"_s, u"b"_s}} << u"parameters"_s
        << u"invalid_parameters"_s << u"numbered"_s;
    QTest::newRow("numbered key for a named template")
        << u"order_named"_s << u"en"_s << Parameters{{u"1"_s, u"a"_s}, {u"2"_s, u"b"_s}} << u"parameters"_s
        << u"invalid_parameters"_s << u"named"_s;
    QTest::newRow("empty parameter") << u"order_update"_s << u"en_US"_s << Parameters{{u"1"_s, u""_s}, {u"2"_s, u"b"_s}}
                                     << u"parameters"_s << u"invalid_parameters"_s << u"empty"_s;
    QTest::newRow("no template name") << QString() << u"en_US"_s << Parameters{} << u"template_name"_s
                                      << u"invalid_template_name"_s << u"required"_s;
    QTest::newRow("unknown template") << u"no_such_template"_s << u"en_US"_s << Parameters{} << u"template_name"_s
                                      << u"template_not_found"_s << u"no_such_template"_s;
    QTest::newRow("language the template lacks") << u"order_update"_s << u"pt_BR"_s << Parameters{}
                                                 << u"template_name"_s << u"template_not_found"_s << u"en_US"_s;
    QTest::newRow("template still pending")
        << u"spring_promo"_s << u"en_US"_s << Parameters{{u"1"_s, u"20%"_s}, {u"2"_s, u"May 1"_s}} << u"template_name"_s
        << u"template_not_approved"_s << u"pending"_s;
    QTest::newRow("rejected template") << u"lembrete_consulta"_s << u"pt_BR"_s
                                       << Parameters{{u"1"_s, u"Ana"_s}, {u"2"_s, u"10h"_s}} << u"template_name"_s
                                       << u"template_not_approved"_s << u"rejected"_s;
}

void TestWhatsAppService::templateValidation()
{
    QFETCH(QString, name);
    QFETCH(QString, language);
    QFETCH(Parameters, parameters);
    QFETCH(QString, field);
    QFETCH(QString, code);
    QFETCH(QString, mentions);

    Harness h(m_dir->path());
    QVERIFY(h.up());
    const Result<int> synced = await<int>([&](auto done) { h.service->syncTemplates(&h.context, done); });
    QVERIFY2(synced, qPrintable(why(synced)));
    QCOMPARE(*synced, 6);

    TemplateSendRequest request;
    request.to = kCustomer; // never wrote: templates need no open window
    request.templateName = name;
    request.languageCode = language;
    request.parameters = parameters;
    const Result<SendReceipt> receipt =
        await<SendReceipt>([&](auto done) { h.service->sendTemplate(request, &h.context, done); });
    if (field.isEmpty()) {
        QVERIFY2(receipt, qPrintable(why(receipt)));
        QVERIFY2(h.message(receipt->id)->body.contains(mentions), qPrintable(h.message(receipt->id)->body));
        // The emulator checks parameters against the template for real: reaching read proves the wire form.
        QTRY_COMPARE(h.statusOf(receipt->id), MessageStatus::Read);
        return;
    }
    QVERIFY(!receipt);
    QCOMPARE(receipt.error().field, field);
    QCOMPARE(receipt.error().code, code);
    QVERIFY2(receipt.error().message.contains(mentions), qPrintable(receipt.error().message));
    QCOMPARE(h.service->outboxLength(), 0);
    QCOMPARE(h.emulator->acceptedMessages().size(), 0);
}

void TestWhatsAppService::syncTemplatesStoresAndSignals()
{
    Harness h(m_dir->path());
    QVERIFY(h.setUp());
    h.makeService();
    QSignalSpy changed(h.service.get(), &WhatsAppService::templatesChanged);
    QVERIFY(h.startService()); // start syncs on its own
    QVERIFY(changed.wait(5000));
    const Result<QList<StoredTemplate>> cached = h.read().templates(u"meta"_s);
    QVERIFY(cached);
    QCOMPARE(cached->size(), 6);
}

// ---- webhooks -------------------------------------------------------------------------------------

void TestWhatsAppService::webhooksAndMediaGoThroughTheFacade()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    QSignalSpy refusedSpy(h.service.get(), &WhatsAppService::webhookRefused);
    const Result<WebhookOutcome> accepted =
        h.receive(h.metaWebhook(metaInboundBody(u"wamid.FACADE"_s, u"14155550100"_s, u"hello"_s)));
    QVERIFY(accepted);
    QCOMPARE(accepted->httpStatus, 200);
    const Result<WebhookOutcome> forged =
        h.receive(h.metaWebhook(metaInboundBody(u"wamid.FORGED"_s, u"14155550100"_s, u"evil"_s), "sha256=00"));
    QVERIFY(forged);
    QCOMPARE(forged->httpStatus, 403);
    QCOMPARE(refusedSpy.size(), 1);

    const Result<WebhookOutcome> replayed =
        await<WebhookOutcome>([&](auto done) { h.service->replayWebhook(accepted->logId, &h.context, done); });
    QVERIFY2(replayed, qPrintable(why(replayed)));
    QCOMPARE(replayed->httpStatus, 200);
    QCOMPARE(h.read().contactMessages(kCustomer)->size(), 1);

    QUrlQuery handshake;
    handshake.addQueryItem(u"hub.mode"_s, u"subscribe"_s);
    handshake.addQueryItem(u"hub.verify_token"_s, kVerifyToken);
    handshake.addQueryItem(u"hub.challenge"_s, u"42"_s);
    QCOMPARE(h.service->verificationChallenge(handshake).value_or(QString()), u"42"_s);

    // A photo the customer sent lands in the configured media cache (FLOWCHAT_MEDIA_CACHE).
    InboundMedia photo;
    photo.id = h.emulator->addMedia("\xff\xd8 photo \xff\xd9", u"image/jpeg"_s);
    photo.mimeType = u"image/jpeg"_s;
    InboundMessage in;
    in.provider = u"meta"_s;
    in.providerMessageId = u"wamid.PHOTO"_s;
    in.from = kCustomer;
    in.timestamp = QDateTime::currentDateTimeUtc();
    in.type = MessageType::Image;
    in.media = photo;
    const Result<InsertedMessage> inserted =
        await<InsertedMessage>([&](auto done) { h.store->insertInbound(in, &h.context, done); });
    QVERIFY2(inserted, qPrintable(why(inserted)));
    const Result<QString> path =
        await<QString>([&](auto done) { h.service->fetchMedia(inserted->id, &h.context, done); });
    QVERIFY2(path, qPrintable(why(path)));
    QCOMPARE(*path, m_dir->path() + u"/media/%1.jpg"_s.arg(inserted->id));
}

void TestWhatsAppService::statusWebhooksReachRead()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    QSignalSpy changes(h.service.get(), &WhatsAppService::messageChanged);
    const Result<SendReceipt> receipt = h.sendText(kCustomer, u"Your order shipped"_s);
    QVERIFY(receipt);
    QTRY_COMPARE(h.statusOf(receipt->id), MessageStatus::Read);
    QTRY_VERIFY(h.receiver.answered(200) >= 3); // answered just after the commit that the reader saw
    QStringList ladder;
    const Result<StoredMessage> row = h.message(receipt->id);
    QVERIFY(row);
    for (const StatusEvent& event : row->history) {
        ladder << Status::toString(event.status);
    }
    for (const QString& step : {u"pending"_s, u"sending"_s, u"queued"_s, u"sent"_s, u"delivered"_s, u"read"_s}) {
        QVERIFY2(ladder.contains(step), qPrintable(ladder.join(u", "_s)));
    }
    QVERIFY(changes.count() >= 4);
}

void TestWhatsAppService::failedStatusKeepsTheProvidersReason()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    const QString undeliverable = u"+"_s + MetaEmulator::kUndeliverableRecipient;
    QVERIFY(h.customerWrote(undeliverable));
    const Result<SendReceipt> receipt = h.sendText(undeliverable, u"Will not arrive"_s);
    QVERIFY2(receipt, qPrintable(why(receipt)));
    QTRY_COMPARE(h.statusOf(receipt->id), MessageStatus::Failed);
    const Result<StoredMessage> row = h.message(receipt->id);
    QCOMPARE(row->errorCode, u"131026"_s);
    QVERIFY(!row->errorMessage.isEmpty());
}

void TestWhatsAppService::resendAndDismiss()
{
    Harness h(m_dir->path());
    QVERIFY(h.up());
    QVERIFY(h.customerWrote(kCustomer));
    h.emulator->addFault(*FaultSpec::parse(u"timeoutx2"_s));
    const Result<SendReceipt> first = h.sendText(kCustomer, u"timed out 1"_s);
    const Result<SendReceipt> second = h.sendText(kCustomer, u"timed out 2"_s);
    QVERIFY(first && second);
    QTRY_COMPARE_WITH_TIMEOUT(h.statusOf(first->id), MessageStatus::Unknown, 8000);
    QTRY_COMPARE_WITH_TIMEOUT(h.statusOf(second->id), MessageStatus::Unknown, 8000);

    const Result<SendReceipt> resent =
        await<SendReceipt>([&](auto done) { h.service->resend(first->id, &h.context, done); });
    QVERIFY2(resent, qPrintable(why(resent)));
    QCOMPARE(resent->status, MessageStatus::Pending);
    QTRY_COMPARE(h.statusOf(first->id), MessageStatus::Read);
    QCOMPARE(h.acceptedCount(u"timed out 1"_s), 1);

    const Result<SendReceipt> dismissed =
        await<SendReceipt>([&](auto done) { h.service->dismiss(second->id, &h.context, done); });
    QVERIFY2(dismissed, qPrintable(why(dismissed)));
    QCOMPARE(dismissed->status, MessageStatus::Failed);
    QCOMPARE(h.message(second->id)->errorCode, u"dismissed"_s);
    QCOMPARE(h.acceptedCount(u"timed out 2"_s), 0);

    // A delivered message is not the operator's to resend.
    const Result<SendReceipt> again =
        await<SendReceipt>([&](auto done) { h.service->resend(first->id, &h.context, done); });
    QVERIFY(!again);
    QCOMPARE(again.error().code, u"store.invalid_state"_s);
}

QTEST_GUILESS_MAIN(TestWhatsAppService)
#include "TestWhatsAppService.moc"
