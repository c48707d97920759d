// The sandbox as a newcomer meets it: ProviderFactory starts the Meta emulator in-process, a real
// MetaCloudProvider talks to it, its signed webhooks reach our receiver, and the simulated contact
// answers. Also: the provider factory's choices for twilio and direct.
#include "app/service/ProviderFactory.h"
#include "app/service/SandboxContact.h"
#include "providers/twilio/TwilioProvider.h"
#include "tests/support/LogCapture.h"
#include "tests/support/ServiceTestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace ServiceTest;
using namespace Qt::StringLiterals;

class TestSandbox : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sendGetsTicksAndAReply();
    void newcomerHearsFromTheSampleCustomer();
    void sandboxChecksSignatures();
    void sandboxSaysSoLoudly();
    void replyQuotesTheMessage_data();
    void replyQuotesTheMessage();
    void factoryBuildsTheConfiguredProvider_data();
    void factoryBuildsTheConfiguredProvider();
    void receiverUrlFollowsTheListenAddress_data();
    void receiverUrlFollowsTheListenAddress();

private:
    Config sandboxConfig(quint16 port) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSandbox::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSandbox::cleanup()
{
    m_dir.reset();
}

Config TestSandbox::sandboxConfig(quint16 port) const
{
    Config config;
    config.set(ConfigKey::Provider, u"sandbox"_s, {});
    config.set(ConfigKey::Listen, QStringLiteral("127.0.0.1:%1").arg(port), {});
    config.set(ConfigKey::Database, m_dir->filePath(u"flowchat.sqlite"_s), {});
    config.set(ConfigKey::MediaCache, m_dir->filePath(u"media"_s), {});
    config.set(ConfigKey::SendConcurrency, u"8"_s, {});
    return config;
}

void TestSandbox::sendGetsTicksAndAReply()
{
    WebhookReceiver receiver;
    QVERIFY(receiver.isListening());
    const Config config = sandboxConfig(receiver.port());
    ProviderFactory factory;
    const Result<Provider*> provider = factory.create(config, SandboxOptions{20, 100});
    QVERIFY2(provider, qPrintable(why(provider)));
    QVERIFY(factory.isSandbox());
    QCOMPARE(factory.sandboxEmulator()->options().webhookUrl, receiver.url());

    StoreOptions storeOptions;
    storeOptions.path = config.database();
    MessageStore store(storeOptions);
    WhatsAppService service(config, &store, *provider);
    QVERIFY(service.isSandbox());
    QCOMPARE(service.providerName(), u"sandbox"_s);
    receiver.attach(&service);
    QObject context;
    QVERIFY(await<void>([&](auto done) { service.start(&context, done); }));

    // A newcomer's first message: nobody ever wrote, yet the sandbox lets it through.
    SendRequest request;
    request.to = kCustomer;
    request.body = u"Hello from the sandbox test"_s;
    const Result<SendReceipt> receipt = await<SendReceipt>([&](auto done) { service.send(request, &context, done); });
    QVERIFY2(receipt, qPrintable(why(receipt)));

    MessageReader reader(config.database());
    auto statusOf = [&reader](qint64 id) {
        const Result<StoredMessage> row = reader.message(id);
        return row ? row->status : MessageStatus::Unknown;
    };
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(receipt->id), MessageStatus::Read, 10000);
    const QString wamid = reader.message(receipt->id)->providerMessageId;
    QVERIFY(wamid.startsWith(u"wamid."_s));

    // The contact answers in the same conversation, as a reply to our message.
    std::optional<StoredMessage> reply;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const Result<QList<StoredMessage>> messages = reader.contactMessages(kCustomer);
            for (const StoredMessage& m : messages ? *messages : QList<StoredMessage>()) {
                if (m.direction == MessageDirection::Inbound) {
                    reply = m;
                }
            }
            return reply.has_value();
        }(),
        10000);
    QCOMPARE(reply->conversationId, reader.message(receipt->id)->conversationId);
    QVERIFY2(reply->body.contains(u"FlowChat sandbox"_s), qPrintable(reply->body));
    QVERIFY(reply->body.contains(u"Hello from the sandbox test"_s));
    QCOMPARE(reply->replyTo, wamid);
    QCOMPARE(receiver.answered(403), 0);
    QCOMPARE(factory.sandboxEmulator()->acceptedMessages().size(), 1);

    bool stopped = false;
    service.stop(&context, [&stopped] { stopped = true; });
    QTRY_VERIFY(stopped);
}

void TestSandbox::newcomerHearsFromTheSampleCustomer()
{
    WebhookReceiver receiver;
    QVERIFY(receiver.isListening());
    const Config config = sandboxConfig(receiver.port());
    ProviderFactory factory;
    const Result<Provider*> provider = factory.create(config, SandboxOptions{20, 100});
    QVERIFY2(provider, qPrintable(why(provider)));
    StoreOptions storeOptions;
    storeOptions.path = config.database();
    MessageStore store(storeOptions);
    WhatsAppService service(config, &store, *provider);
    service.setSandboxContact(factory.sandboxContact());
    receiver.attach(&service);
    QObject context;
    QVERIFY(await<void>([&](auto done) { service.start(&context, done); }));

    // Nobody ever wrote: within a few seconds the sample customer does, as a real signed webhook.
    MessageReader reader(config.database());
    const auto inbound = [&reader] {
        QList<StoredMessage> found;
        const Result<QList<StoredMessage>> messages = reader.contactMessages(SandboxContact::sampleCustomerNumber());
        for (const StoredMessage& m : messages ? *messages : QList<StoredMessage>()) {
            if (m.direction == MessageDirection::Inbound) {
                found.append(m);
            }
        }
        return found;
    };
    QTRY_COMPARE_WITH_TIMEOUT(inbound().size(), 1, 10000);
    QVERIFY2(inbound().first().body.contains(u"backpack"_s), qPrintable(inbound().first().body));
    QCOMPARE(inbound().first().contactName, SandboxContact::sampleCustomerName());
    QCOMPARE(receiver.answered(403), 0);

    // "Have a customer write to you": another line from the same customer, in the same conversation.
    QVERIFY(service.simulateCustomerMessage());
    QTRY_COMPARE_WITH_TIMEOUT(inbound().size(), 2, 10000);
    QCOMPARE(inbound().at(0).conversationId, inbound().at(1).conversationId);

    bool stopped = false;
    service.stop(&context, [&stopped] { stopped = true; });
    QTRY_VERIFY(stopped);
}

void TestSandbox::sandboxChecksSignatures()
{
    WebhookReceiver receiver;
    QVERIFY(receiver.isListening());
    const Config config = sandboxConfig(receiver.port());
    ProviderFactory factory;
    const Result<Provider*> provider = factory.create(config, SandboxOptions{20, 100});
    QVERIFY(provider);
    auto* meta = qobject_cast<MetaCloudProvider*>(*provider);
    QVERIFY(meta);
    QVERIFY(!meta->config().appSecret.isEmpty());
    QCOMPARE(meta->config().appSecret, factory.sandboxEmulator()->options().appSecret);
    QVERIFY(!meta->config().verifyToken.isEmpty());

    WebhookRequest forged;
    forged.body = metaInboundBody(u"wamid.F"_s, u"14155550100"_s, u"forged"_s);
    forged.headers = {{"X-Hub-Signature-256", MetaSignature::sign("guessed", forged.body)}};
    QVERIFY(!(*provider)->verifyWebhook(forged));
    forged.headers = {{"X-Hub-Signature-256", MetaSignature::sign(meta->config().appSecret.toUtf8(), forged.body)}};
    QVERIFY((*provider)->verifyWebhook(forged));

    // The sandbox is Meta: it answers the GET handshake, but only with its session's verify token.
    QUrlQuery handshake;
    handshake.addQueryItem(u"hub.mode"_s, u"subscribe"_s);
    handshake.addQueryItem(u"hub.challenge"_s, u"1158201444"_s);
    handshake.addQueryItem(u"hub.verify_token"_s, u"guessed"_s);
    QVERIFY(!(*provider)->verificationChallenge(handshake));
    handshake.removeAllQueryItems(u"hub.verify_token"_s);
    handshake.addQueryItem(u"hub.verify_token"_s, meta->config().verifyToken);
    QCOMPARE((*provider)->verificationChallenge(handshake).value_or(QString()), u"1158201444"_s);

    // A second factory gets its own secret.
    ProviderFactory other;
    const Result<Provider*> second = other.create(config, SandboxOptions{20, 100});
    QVERIFY(second);
    QVERIFY(qobject_cast<MetaCloudProvider*>(*second)->config().appSecret != meta->config().appSecret);
    QVERIFY(!factory.create(config)); // once only
}

void TestSandbox::sandboxSaysSoLoudly()
{
    LogCapture logs;
    ProviderFactory factory;
    QVERIFY(factory.create(sandboxConfig(18080)));
    bool warned = false;
    for (const QString& line : logs.lines()) {
        warned = warned || (line.contains(u"SANDBOX"_s) && line.contains(u"nothing"_s) && line.contains(u"WhatsApp"_s));
    }
    QVERIFY2(warned, qPrintable(logs.lines().join(u'\n')));
    // No session secret reaches the log.
    const QString secret = qobject_cast<MetaCloudProvider*>(factory.provider())->config().appSecret;
    const QString token = qobject_cast<MetaCloudProvider*>(factory.provider())->config().accessToken;
    QVERIFY(!logs.contains(secret));
    QVERIFY(!logs.contains(token));
}

void TestSandbox::replyQuotesTheMessage_data()
{
    QTest::addColumn<QString>("accepted");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("text") << uR"({"type":"text","request":{"text":{"body":"Where is my order?"}}})"_s
                          << u"“Where is my order?”"_s;
    QTest::newRow("template") << uR"({"type":"template","request":{"template":{"name":"order_update"}}})"_s
                              << u"template “order_update”"_s;
    QTest::newRow("image with caption") << uR"({"type":"image","request":{"image":{"caption":"the box"}}})"_s
                                        << u"image “the box”"_s;
    QTest::newRow("document") << uR"({"type":"document","request":{"document":{"link":"https://x/a.pdf"}}})"_s
                              << u"your document"_s;
}

void TestSandbox::replyQuotesTheMessage()
{
    QFETCH(QString, accepted);
    QFETCH(QString, mentions);
    const QString reply = SandboxContact::replyTo(QJsonDocument::fromJson(accepted.toUtf8()).object());
    QVERIFY2(reply.startsWith(u"Thanks! This is the FlowChat sandbox"_s), qPrintable(reply));
    QVERIFY2(reply.contains(mentions), qPrintable(reply));
}

void TestSandbox::factoryBuildsTheConfiguredProvider_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("concurrency");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("managers");

    QTest::newRow("twilio, 64 in flight") << u"twilio"_s << 64 << u"twilio"_s << 11;
    QTest::newRow("direct, 6 in flight") << u"direct"_s << 6 << u"meta"_s << 1;
    QTest::newRow("direct, 7 in flight") << u"direct"_s << 7 << u"meta"_s << 2;
    QTest::newRow("sandbox, 128 in flight") << u"sandbox"_s << 128 << u"meta"_s << 22;
}

void TestSandbox::factoryBuildsTheConfiguredProvider()
{
    QFETCH(QString, provider);
    QFETCH(int, concurrency);
    QFETCH(QString, name);
    QFETCH(int, managers);

    Config config = sandboxConfig(18080);
    config.set(ConfigKey::Provider, provider, {});
    config.set(ConfigKey::SendConcurrency, QString::number(concurrency), {});
    config.set(ConfigKey::TwilioAccountSid, u"AC"_s + QString(32, u'0'), {});
    config.set(ConfigKey::TwilioAuthToken, u"token"_s, {});
    config.set(ConfigKey::TwilioWhatsAppNumber, u"+14155238886"_s, {});
    config.set(ConfigKey::WhatsAppApiToken, u"token"_s, {});
    config.set(ConfigKey::WhatsAppPhoneNumberId, u"123"_s, {});

    ProviderFactory factory;
    const Result<Provider*> built = factory.create(config);
    QVERIFY2(built, qPrintable(why(built)));
    QCOMPARE((*built)->name(), name);
    QCOMPARE(factory.network()->size(), managers);
    QCOMPARE(factory.isSandbox(), provider == u"sandbox"_s);
    QCOMPARE(factory.sandboxEmulator() != nullptr, provider == u"sandbox"_s);
}

void TestSandbox::receiverUrlFollowsTheListenAddress_data()
{
    QTest::addColumn<QString>("listen");
    QTest::addColumn<QString>("url");

    QTest::newRow("loopback") << u"127.0.0.1:8080"_s << u"http://127.0.0.1:8080/api/whatsapp/webhook"_s;
    QTest::newRow("every interface") << u"0.0.0.0:9000"_s << u"http://127.0.0.1:9000/api/whatsapp/webhook"_s;
}

void TestSandbox::receiverUrlFollowsTheListenAddress()
{
    QFETCH(QString, listen);
    QFETCH(QString, url);
    Config config;
    config.set(ConfigKey::Listen, listen, {});
    QCOMPARE(ProviderFactory::receiverUrl(config).toString(), url);
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "TestSandbox.moc"
