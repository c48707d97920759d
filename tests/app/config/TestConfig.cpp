#include "app/config/Config.h"
#include "app/config/ConfigReport.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace
{

const Config::Origin kCommandLine{Config::Source::CommandLine, QString()};

const QString kSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString kAuthToken = QStringLiteral("0123456789abcdef0123456789abcdef");

Config configWith(const QList<std::pair<QString, QString>>& values)
{
    Config config;
    for (const auto& [key, value] : values) {
        config.set(key, value, kCommandLine);
    }
    return config;
}

QStringList fields(const QList<Error>& errors)
{
    QStringList result;
    for (const Error& error : errors) {
        result.append(error.field);
    }
    return result;
}

QStringList messagesFor(const QList<Error>& errors, const QString& field)
{
    QStringList result;
    for (const Error& error : errors) {
        if (error.field == field) {
            result.append(error.message);
        }
    }
    return result;
}

QString joined(const QList<Error>& errors)
{
    QStringList messages;
    for (const Error& error : errors) {
        messages.append(error.field + QStringLiteral(": ") + error.message);
    }
    return messages.join(QLatin1Char('\n'));
}

QString readSource(const QString& relative)
{
    QFile file(QStringLiteral(FLOWCHAT_SOURCE_DIR "/") + relative);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaults();
    void validateKey_data();
    void validateKey();
    void accountSidMessageIsExact();
    void everyProblemAtOnce();
    void providerRequirements_data();
    void providerRequirements();
    void pathsMustHaveTheRightKind();
    void secretsNeverInMessages_data();
    void secretsNeverInMessages();
    void databasePasswordNeverShown();
    void redacted_data();
    void redacted();
    void twilioConfig();
    void twilioConfigWithoutPublicUrl();
    void metaConfig();
    void graphApiUrlForms_data();
    void graphApiUrlForms();
    void graphApiUrlFormsAreNamedInMessages();
    void typedAccessors();
    void loggingRules_data();
    void loggingRules();
    void origins();
    void everyKeyIsDocumented_data();
    void everyKeyIsDocumented();
};

void TestConfig::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestConfig::defaults()
{
    const Config config;
    QCOMPARE(config.provider(), Config::Provider::Sandbox);
    QCOMPARE(config.value(ConfigKey::Provider), QStringLiteral("sandbox"));
    QCOMPARE(config.twilioApiBaseUrl(), QUrl(QStringLiteral("https://api.twilio.com")));
    QCOMPARE(config.twilioContentBaseUrl(), QUrl(QStringLiteral("https://content.twilio.com")));
    QCOMPARE(config.whatsAppApiUrl(), QUrl(QStringLiteral("https://graph.facebook.com/v23.0")));
    QCOMPARE(config.listenAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config.listenPort(), quint16(8080));
    QCOMPARE(config.publicUrl(), QUrl());
    QCOMPARE(config.apiToken(), QString());
    QCOMPARE(config.database(),
             QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/flowchat.sqlite"));
    QCOMPARE(config.sendRate(), 80.0);
    QCOMPARE(config.sendConcurrency(), 64);
    QCOMPARE(config.windowPolicy(), Config::WindowPolicy::Enforce);
    QCOMPARE(config.mediaCacheDir(),
             QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/media"));
    QCOMPARE(config.bodyLimit(), qint64(1048576));
    QCOMPARE(config.logLevel(), QtInfoMsg);
    QVERIFY2(config.validate().isEmpty(), qPrintable(joined(config.validate())));
    QVERIFY2(config.warnings().isEmpty(), qPrintable(joined(config.warnings())));
    for (const QString& key : Config::keys()) {
        QVERIFY(!config.isSet(key));
        QCOMPARE(config.origin(key).source, Config::Source::Default);
    }
}

void TestConfig::validateKey_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field"); // where the error is filed; usually the key
    QTest::addColumn<QString>("expected"); // the message's start; empty: accepted

    const auto accepted = [](const char* row, const QString& key, const QString& value) {
        QTest::newRow(row) << key << value << key << QString();
    };
    const auto refused = [](const char* row, const QString& key, const QString& value, const QString& expected) {
        QTest::newRow(row) << key << value << key << expected;
    };
    using namespace ConfigKey;

    const QString providerMessage = QStringLiteral("WHATSAPP_PROVIDER must be twilio, direct or sandbox");
    accepted("provider twilio", Provider, QStringLiteral("twilio"));
    accepted("provider direct", Provider, QStringLiteral("direct"));
    accepted("provider meta is an alias", Provider, QStringLiteral("meta"));
    accepted("provider any case", Provider, QStringLiteral(" Sandbox "));
    refused("provider unknown", Provider, QStringLiteral("whatsapp"), providerMessage);

    const QString sidMessage = QStringLiteral("TWILIO_ACCOUNT_SID must start with AC and have 34 characters");
    accepted("sid", TwilioAccountSid, kSid);
    refused("sid too short", TwilioAccountSid, QStringLiteral("AC0123"), sidMessage);
    refused("sid wrong prefix", TwilioAccountSid, QStringLiteral("SK0123456789abcdef0123456789abcdef"), sidMessage);
    refused("sid not hex", TwilioAccountSid, QStringLiteral("ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), sidMessage);

    const QString tokenMessage = QStringLiteral("TWILIO_AUTH_TOKEN must be 32 hexadecimal characters");
    accepted("auth token", TwilioAuthToken, kAuthToken);
    refused("auth token too short", TwilioAuthToken, kAuthToken.left(31), tokenMessage);
    refused("auth token not hex", TwilioAuthToken, QStringLiteral("z").repeated(32), tokenMessage);

    const QString numberMessage =
        QStringLiteral("TWILIO_WHATSAPP_NUMBER must be the WhatsApp sender number in E.164 form");
    accepted("number", TwilioWhatsAppNumber, QStringLiteral("+14155238886"));
    accepted("number with whatsapp: prefix", TwilioWhatsAppNumber, QStringLiteral("whatsapp:+14155238886"));
    refused("number too short", TwilioWhatsAppNumber, QStringLiteral("+12"), numberMessage);
    refused("number is text", TwilioWhatsAppNumber, QStringLiteral("sales line"), numberMessage);

    accepted("twilio base on loopback", TwilioApiBaseUrl, QStringLiteral("http://127.0.0.1:9000"));
    refused("twilio base ftp",
            TwilioApiBaseUrl,
            QStringLiteral("ftp://api.twilio.com"),
            QStringLiteral("TWILIO_API_BASE_URL must be an http or https URL, such as https://api.twilio.com"));
    refused("content base without scheme",
            TwilioContentBaseUrl,
            QStringLiteral("content.twilio.com"),
            QStringLiteral("TWILIO_CONTENT_BASE_URL must be an http or https URL, such as https://content.twilio.com"));

    const QString graphMessage = QStringLiteral("WHATSAPP_API_URL must be the Graph API send URL");
    accepted("graph url on loopback with slash", WhatsAppApiUrl, QStringLiteral("http://127.0.0.1:9001/v21.0/"));
    accepted("graph send url as the guide writes it",
             WhatsAppApiUrl,
             QStringLiteral("https://graph.facebook.com/v18.0/your-phone-number-id/messages"));
    accepted("graph send url with a trailing slash",
             WhatsAppApiUrl,
             QStringLiteral("https://graph.facebook.com/v18.0/106540352242922/messages/"));
    refused("graph url naming an id without /messages",
            WhatsAppApiUrl,
            QStringLiteral("https://graph.facebook.com/v18.0/106540352242922"),
            graphMessage);
    refused("graph url with another edge",
            WhatsAppApiUrl,
            QStringLiteral("https://graph.facebook.com/v18.0/106540352242922/media"),
            graphMessage);
    refused("graph send url without version",
            WhatsAppApiUrl,
            QStringLiteral("https://graph.facebook.com/106540352242922/messages"),
            graphMessage);
    refused("graph url with a query",
            WhatsAppApiUrl,
            QStringLiteral("https://graph.facebook.com/v18.0/106540352242922/messages?x=1"),
            graphMessage);
    refused("graph url without version", WhatsAppApiUrl, QStringLiteral("https://graph.facebook.com"), graphMessage);
    refused(
        "graph url with bare major", WhatsAppApiUrl, QStringLiteral("https://graph.facebook.com/v23"), graphMessage);
    refused("graph url not a url", WhatsAppApiUrl, QStringLiteral("graph"), graphMessage);

    accepted("api token", WhatsAppApiToken, QStringLiteral("EAAGm0PX4ZCpsBA"));
    refused("api token with a line break",
            WhatsAppApiToken,
            QStringLiteral("EAAG\nm0PX"),
            QStringLiteral("WHATSAPP_API_TOKEN must not contain spaces or line breaks"));
    refused("app secret with a space",
            WhatsAppAppSecret,
            QStringLiteral("abc def"),
            QStringLiteral("WHATSAPP_APP_SECRET must not contain spaces or line breaks"));
    refused("verify token with a tab",
            WhatsAppVerifyToken,
            QStringLiteral("a\tb"),
            QStringLiteral("WHATSAPP_VERIFY_TOKEN must not contain spaces or line breaks"));

    accepted("phone number id", WhatsAppPhoneNumberId, QStringLiteral("106540352242922"));
    refused("phone number id is a phone number",
            WhatsAppPhoneNumberId,
            QStringLiteral("+15550001111"),
            QStringLiteral("WHATSAPP_PHONE_NUMBER_ID must be digits only"));
    accepted("business account id", WhatsAppBusinessAccountId, QStringLiteral("102290129340398"));
    refused("business account id with letters",
            WhatsAppBusinessAccountId,
            QStringLiteral("waba-1"),
            QStringLiteral("WHATSAPP_BUSINESS_ACCOUNT_ID must be digits only"));

    const QString listenMessage = QStringLiteral("FLOWCHAT_LISTEN must be ADDRESS:PORT");
    accepted("listen ipv6", Listen, QStringLiteral("[::1]:8080"));
    accepted("listen localhost, any port", Listen, QStringLiteral("localhost:0"));
    refused("listen without host", Listen, QStringLiteral("8080"), listenMessage);
    refused("listen without port", Listen, QStringLiteral("127.0.0.1:"), listenMessage);
    refused("listen port too big", Listen, QStringLiteral("127.0.0.1:65536"), listenMessage);
    refused("listen ipv6 without brackets", Listen, QStringLiteral("::1:8080"), listenMessage);
    refused("listen host name", Listen, QStringLiteral("example.com:80"), listenMessage);
    QTest::newRow("listen on all addresses needs an api token")
        << Listen << QStringLiteral("0.0.0.0:8080") << ApiToken
        << QStringLiteral("FLOWCHAT_API_TOKEN must be set when FLOWCHAT_LISTEN is not a loopback address");

    accepted("public url", PublicUrl, QStringLiteral("https://chat.example.com/base"));
    refused("public url without scheme",
            PublicUrl,
            QStringLiteral("chat.example.com"),
            QStringLiteral("FLOWCHAT_PUBLIC_URL must be an http or https URL"));

    const QString rateMessage = QStringLiteral("FLOWCHAT_SEND_RATE must be a positive number");
    accepted("rate fraction", SendRate, QStringLiteral("0.5"));
    refused("rate zero", SendRate, QStringLiteral("0"), rateMessage);
    refused("rate negative", SendRate, QStringLiteral("-3"), rateMessage);
    refused("rate text", SendRate, QStringLiteral("fast"), rateMessage);
    refused("rate infinite", SendRate, QStringLiteral("inf"), rateMessage);

    const QString concurrencyMessage =
        QStringLiteral("FLOWCHAT_SEND_CONCURRENCY must be a whole number from 1 to 1024");
    accepted("concurrency 1", SendConcurrency, QStringLiteral("1"));
    accepted("concurrency 1024", SendConcurrency, QStringLiteral("1024"));
    refused("concurrency 0", SendConcurrency, QStringLiteral("0"), concurrencyMessage);
    refused("concurrency 1025", SendConcurrency, QStringLiteral("1025"), concurrencyMessage);
    refused("concurrency fraction", SendConcurrency, QStringLiteral("1.5"), concurrencyMessage);

    accepted("window warn", WindowPolicy, QStringLiteral("WARN"));
    refused("window strict",
            WindowPolicy,
            QStringLiteral("strict"),
            QStringLiteral("FLOWCHAT_WINDOW_POLICY must be enforce or warn"));

    const QString bodyMessage = QStringLiteral("FLOWCHAT_BODY_LIMIT must be a whole number of bytes");
    accepted("body limit", BodyLimit, QStringLiteral("65536"));
    refused("body limit tiny", BodyLimit, QStringLiteral("100"), bodyMessage);
    refused("body limit with unit", BodyLimit, QStringLiteral("1MB"), bodyMessage);

    const QString retentionMessage = QStringLiteral("FLOWCHAT_WEBHOOK_LOG_DAYS must be a whole number of days");
    accepted("webhook log kept forever", WebhookLogDays, QStringLiteral("0"));
    accepted("webhook log a year", WebhookLogDays, QStringLiteral("365"));
    refused("webhook log negative", WebhookLogDays, QStringLiteral("-1"), retentionMessage);
    refused("webhook log in weeks", WebhookLogDays, QStringLiteral("4w"), retentionMessage);
    refused("webhook log past ten years", WebhookLogDays, QStringLiteral("3651"), retentionMessage);

    accepted("team database", Database, QStringLiteral("postgresql://agent@db.example:5432/flowchat?sslmode=require"));
    accepted("team database from libpq's environment", Database, QStringLiteral("postgresql:///flowchat"));
    refused("team database with a broken port",
            Database,
            QStringLiteral("postgresql://agent:hunter2@db.example:54x2/flowchat"),
            QStringLiteral("FLOWCHAT_DATABASE is not a valid PostgreSQL URI"));

    accepted("log level debug", LogLevel, QStringLiteral("debug"));
    refused("log level trace",
            LogLevel,
            QStringLiteral("trace"),
            QStringLiteral("FLOWCHAT_LOG_LEVEL must be debug, info or warning"));
}

void TestConfig::validateKey()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, field);
    QFETCH(QString, expected);

    const Config config = configWith({{key, value}});
    const QList<Error> errors = config.validate();
    const QStringList messages = messagesFor(errors, field);
    if (expected.isEmpty()) {
        QVERIFY2(messages.isEmpty(), qPrintable(messages.join(QLatin1Char('\n'))));
        return;
    }
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages.first().startsWith(expected), qPrintable(messages.first()));
    for (const Error& error : errors) {
        QCOMPARE(error.kind, Error::Kind::Configuration);
    }
}

void TestConfig::accountSidMessageIsExact()
{
    const Config config = configWith({{ConfigKey::TwilioAccountSid, QStringLiteral("AC123")}});
    const QList<Error> errors = config.validate();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().kind, Error::Kind::Configuration);
    QCOMPARE(errors.first().code, QStringLiteral("config.invalid"));
    QCOMPARE(errors.first().field, QStringLiteral("TWILIO_ACCOUNT_SID"));
    QCOMPARE(errors.first().message, QStringLiteral("TWILIO_ACCOUNT_SID must start with AC and have 34 characters"));
}

void TestConfig::everyProblemAtOnce()
{
    const Config config = configWith({
        {ConfigKey::Provider, QStringLiteral("twilio")},
        {ConfigKey::TwilioAccountSid, QStringLiteral("AC1")},
        {ConfigKey::Listen, QStringLiteral("nowhere")},
        {ConfigKey::SendRate, QStringLiteral("0")},
        {ConfigKey::LogLevel, QStringLiteral("loud")},
    });
    const QStringList found = fields(config.validate());
    QCOMPARE(found,
             (QStringList{ConfigKey::TwilioAccountSid,
                          ConfigKey::Listen,
                          ConfigKey::SendRate,
                          ConfigKey::LogLevel,
                          ConfigKey::TwilioAuthToken,
                          ConfigKey::TwilioWhatsAppNumber}));
}

void TestConfig::providerRequirements_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QStringList>("given"); // KEY=VALUE
    QTest::addColumn<QStringList>("missing");
    QTest::addColumn<QStringList>("warned");

    using namespace ConfigKey;
    const QString number = QStringLiteral("+14155238886");
    QTest::newRow("sandbox needs nothing")
        << QStringLiteral("sandbox") << QStringList() << QStringList() << QStringList();
    QTest::newRow("twilio without anything")
        << QStringLiteral("twilio") << QStringList()
        << QStringList{TwilioAccountSid, TwilioAuthToken, TwilioWhatsAppNumber} << QStringList{PublicUrl};
    QTest::newRow("twilio complete") << QStringLiteral("twilio")
                                     << QStringList{TwilioAccountSid + QLatin1Char('=') + kSid,
                                                    TwilioAuthToken + QLatin1Char('=') + kAuthToken,
                                                    TwilioWhatsAppNumber + QLatin1Char('=') + number,
                                                    PublicUrl + QStringLiteral("=https://chat.example.com")}
                                     << QStringList() << QStringList();
    QTest::newRow("direct without anything")
        << QStringLiteral("direct") << QStringList() << QStringList{WhatsAppApiToken, WhatsAppPhoneNumberId}
        << QStringList{WhatsAppBusinessAccountId, WhatsAppAppSecret};
    QTest::newRow("meta alias needs the same")
        << QStringLiteral("meta") << QStringList{WhatsAppApiToken + QStringLiteral("=EAAG")}
        << QStringList{WhatsAppPhoneNumberId} << QStringList{WhatsAppBusinessAccountId, WhatsAppAppSecret};
    QTest::newRow("direct complete") << QStringLiteral("direct")
                                     << QStringList{WhatsAppApiToken + QStringLiteral("=EAAG"),
                                                    WhatsAppPhoneNumberId + QStringLiteral("=106540352242922"),
                                                    WhatsAppBusinessAccountId + QStringLiteral("=102290129340398"),
                                                    WhatsAppAppSecret + QStringLiteral("=abc")}
                                     << QStringList() << QStringList();
    QTest::newRow("twilio keys do not satisfy direct")
        << QStringLiteral("direct")
        << QStringList{TwilioAccountSid + QLatin1Char('=') + kSid, TwilioAuthToken + QLatin1Char('=') + kAuthToken}
        << QStringList{WhatsAppApiToken, WhatsAppPhoneNumberId}
        << QStringList{WhatsAppBusinessAccountId, WhatsAppAppSecret};
}

void TestConfig::providerRequirements()
{
    QFETCH(QString, provider);
    QFETCH(QStringList, given);
    QFETCH(QStringList, missing);
    QFETCH(QStringList, warned);

    Config config = configWith({{ConfigKey::Provider, provider}});
    for (const QString& assignment : given) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        config.set(assignment.left(equals), assignment.mid(equals + 1), kCommandLine);
    }
    const QList<Error> errors = config.validate();
    QCOMPARE(fields(errors), missing);
    const QString active = provider == QLatin1String("meta") ? QStringLiteral("direct") : provider;
    for (const Error& error : errors) {
        QCOMPARE(error.code, QStringLiteral("config.missing"));
        QVERIFY2(error.message.startsWith(
                     QStringLiteral("%1 is required when WHATSAPP_PROVIDER is %2").arg(error.field, active)),
                 qPrintable(error.message));
    }
    QCOMPARE(fields(config.warnings()), warned);
}

void TestConfig::pathsMustHaveTheRightKind()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("a-file")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    const Config wrong = configWith({{ConfigKey::Database, dir.path()}, {ConfigKey::MediaCache, file.fileName()}});
    QCOMPARE(fields(wrong.validate()), (QStringList{ConfigKey::Database, ConfigKey::MediaCache}));

    const Config right = configWith({{ConfigKey::Database, file.fileName()}, {ConfigKey::MediaCache, dir.path()}});
    QVERIFY2(right.validate().isEmpty(), qPrintable(joined(right.validate())));
    QCOMPARE(right.database(), file.fileName());
    QCOMPARE(right.mediaCacheDir(), dir.path());
}

void TestConfig::secretsNeverInMessages_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("secret");
    QTest::newRow("twilio auth token, malformed") << ConfigKey::TwilioAuthToken << QStringLiteral("TOPSECRET-not-hex");
    QTest::newRow("twilio auth token, valid")
        << ConfigKey::TwilioAuthToken << QStringLiteral("fedcba9876543210fedcba9876543210");
    QTest::newRow("graph token with a space") << ConfigKey::WhatsAppApiToken << QStringLiteral("EAAG TOPSECRET");
    QTest::newRow("app secret with a space") << ConfigKey::WhatsAppAppSecret << QStringLiteral("app TOPSECRET");
    QTest::newRow("verify token") << ConfigKey::WhatsAppVerifyToken << QStringLiteral("verify-TOPSECRET");
    QTest::newRow("api token with a space") << ConfigKey::ApiToken << QStringLiteral("api TOPSECRET");
}

void TestConfig::secretsNeverInMessages()
{
    QFETCH(QString, key);
    QFETCH(QString, secret);
    QVERIFY(Config::isSecret(key));

    // Twilio with nothing else set, so there are plenty of messages to look through.
    const Config config = configWith({{ConfigKey::Provider, QStringLiteral("twilio")}, {key, secret}});
    QCOMPARE(config.value(key), secret);
    QVERIFY(!config.validate().isEmpty());
    for (const Error& error : config.validate() + config.warnings()) {
        QVERIFY2(!error.message.contains(secret), qPrintable(error.message));
        QVERIFY2(!error.field.contains(secret), qPrintable(error.field));
    }
    const QString report = ConfigReport::doctor(config) + ConfigReport::problemLines(config).join(QLatin1Char('\n'));
    QVERIFY(report.contains(key));
    QVERIFY2(!report.contains(secret), qPrintable(report));
}

void TestConfig::databasePasswordNeverShown()
{
    const QString secret = QStringLiteral("hunter2");
    const Config broken = configWith({{ConfigKey::Database, QStringLiteral("postgresql://agent:hunter2@db:54x2/fc")}});
    QVERIFY(!broken.validate().isEmpty());
    for (const Error& error : broken.validate() + broken.warnings()) {
        QVERIFY2(!error.message.contains(secret), qPrintable(error.message));
    }
    const Config team = configWith({{ConfigKey::Database, QStringLiteral("postgresql://agent:hunter2@db:5432/fc")}});
    QVERIFY(team.validate().isEmpty());
    QVERIFY(team.databaseIsShared());
    QCOMPARE(team.database(), QStringLiteral("postgresql://agent:hunter2@db:5432/fc")); // libpq needs it
    QCOMPARE(team.databaseForDisplay(), QStringLiteral("postgresql://agent@db:5432/fc"));
}

void TestConfig::redacted_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("shown");
    QTest::newRow("secret") << ConfigKey::TwilioAuthToken << kAuthToken << QStringLiteral("********");
    QTest::newRow("empty secret stays empty") << ConfigKey::ApiToken << QString() << QString();
    QTest::newRow("sid is not secret") << ConfigKey::TwilioAccountSid << kSid << kSid;
    QTest::newRow("plain setting") << ConfigKey::Listen << QStringLiteral("127.0.0.1:1")
                                   << QStringLiteral("127.0.0.1:1");
    QTest::newRow("database file") << ConfigKey::Database << QStringLiteral("/srv/flowchat.sqlite")
                                   << QStringLiteral("/srv/flowchat.sqlite");
    QTest::newRow("database URI loses its password")
        << ConfigKey::Database << QStringLiteral("postgresql://agent:hunter2@db.example:5432/flowchat?sslmode=require")
        << QStringLiteral("postgresql://agent@db.example:5432/flowchat?sslmode=require");
}

void TestConfig::redacted()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, shown);
    QCOMPARE(Config::redacted(key, value), shown);
}

void TestConfig::twilioConfig()
{
    const Config config = configWith({
        {ConfigKey::Provider, QStringLiteral("twilio")},
        {ConfigKey::TwilioAccountSid, kSid},
        {ConfigKey::TwilioAuthToken, kAuthToken},
        {ConfigKey::TwilioWhatsAppNumber, QStringLiteral("whatsapp:+1 415 523 8886")},
        {ConfigKey::TwilioApiBaseUrl, QStringLiteral("http://127.0.0.1:9000/")},
        {ConfigKey::TwilioContentBaseUrl, QStringLiteral("http://127.0.0.1:9000/content")},
        {ConfigKey::PublicUrl, QStringLiteral("https://chat.example.com/flowchat/")},
    });
    QVERIFY2(config.validate().isEmpty(), qPrintable(joined(config.validate())));
    const TwilioConfig twilio = config.twilioConfig();
    QCOMPARE(twilio.accountSid, kSid);
    QCOMPARE(twilio.authToken, kAuthToken);
    QCOMPARE(twilio.fromNumber, QStringLiteral("+14155238886"));
    QCOMPARE(twilio.apiBaseUrl, QUrl(QStringLiteral("http://127.0.0.1:9000")));
    QCOMPARE(twilio.contentBaseUrl, QUrl(QStringLiteral("http://127.0.0.1:9000/content")));
    const QUrl webhook(QStringLiteral("https://chat.example.com/flowchat/api/whatsapp/webhook"));
    QCOMPARE(twilio.statusCallbackUrl, webhook);
    QCOMPARE(twilio.webhookUrl, webhook);
    QCOMPARE(twilio.messagingServiceSid, QString());
}

void TestConfig::twilioConfigWithoutPublicUrl()
{
    const TwilioConfig twilio = configWith({{ConfigKey::TwilioAccountSid, kSid}}).twilioConfig();
    QCOMPARE(twilio.statusCallbackUrl, QUrl());
    QCOMPARE(twilio.webhookUrl, QUrl());
    QCOMPARE(twilio.apiBaseUrl, QUrl(QStringLiteral("https://api.twilio.com")));
}

void TestConfig::metaConfig()
{
    const Config config = configWith({
        {ConfigKey::Provider, QStringLiteral("meta")},
        {ConfigKey::WhatsAppApiUrl, QStringLiteral("http://127.0.0.1:9001/v21.0/")},
        {ConfigKey::WhatsAppApiToken, QStringLiteral("EAAGtoken")},
        {ConfigKey::WhatsAppPhoneNumberId, QStringLiteral("106540352242922")},
        {ConfigKey::WhatsAppBusinessAccountId, QStringLiteral("102290129340398")},
        {ConfigKey::WhatsAppAppSecret, QStringLiteral("appsecret")},
        {ConfigKey::WhatsAppVerifyToken, QStringLiteral("verify")},
    });
    QCOMPARE(config.provider(), Config::Provider::Direct);
    QVERIFY2(config.validate().isEmpty(), qPrintable(joined(config.validate())));
    const MetaConfig meta = config.metaConfig();
    QCOMPARE(meta.apiUrl, QUrl(QStringLiteral("http://127.0.0.1:9001/v21.0")));
    QCOMPARE(meta.accessToken, QStringLiteral("EAAGtoken"));
    QCOMPARE(meta.phoneNumberId, QStringLiteral("106540352242922"));
    QCOMPARE(meta.businessAccountId, QStringLiteral("102290129340398"));
    QCOMPARE(meta.appSecret, QStringLiteral("appsecret"));
    QCOMPARE(meta.verifyToken, QStringLiteral("verify"));
}

void TestConfig::graphApiUrlForms_data()
{
    QTest::addColumn<QString>("apiUrl");
    QTest::addColumn<QString>("phoneNumberIdKey"); // WHATSAPP_PHONE_NUMBER_ID; empty: not set
    QTest::addColumn<QString>("base"); // what the provider builds every Graph path on
    QTest::addColumn<QString>("phoneNumberId"); // what the provider sends from
    QTest::addColumn<QStringList>("errorFields");
    QTest::addColumn<QStringList>("warnedFields");

    const QString id = QStringLiteral("106540352242922");
    const QString other = QStringLiteral("987654321098765");
    QTest::newRow("guide's send url, complete on its own")
        << QStringLiteral("https://graph.facebook.com/v18.0/106540352242922/messages") << QString()
        << QStringLiteral("https://graph.facebook.com/v18.0") << id << QStringList() << QStringList();
    QTest::newRow("guide's placeholder starts, with a warning")
        << QStringLiteral("https://graph.facebook.com/v18.0/your-phone-number-id/messages") << QString()
        << QStringLiteral("https://graph.facebook.com/v18.0") << QStringLiteral("your-phone-number-id") << QStringList()
        << QStringList{ConfigKey::WhatsAppApiUrl};
    QTest::newRow("send url on loopback under a prefix")
        << QStringLiteral("http://127.0.0.1:9001/graph/v21.0/106540352242922/messages/") << QString()
        << QStringLiteral("http://127.0.0.1:9001/graph/v21.0") << id << QStringList() << QStringList();
    QTest::newRow("send url and the same id in the key")
        << QStringLiteral("https://graph.facebook.com/v18.0/106540352242922/messages") << id
        << QStringLiteral("https://graph.facebook.com/v18.0") << id << QStringList() << QStringList();
    QTest::newRow("send url and another id in the key")
        << QStringLiteral("https://graph.facebook.com/v18.0/106540352242922/messages") << other
        << QStringLiteral("https://graph.facebook.com/v18.0") << other << QStringList{ConfigKey::WhatsAppPhoneNumberId}
        << QStringList();
    QTest::newRow("base form with the key")
        << QStringLiteral("https://graph.facebook.com/v23.0") << id
        << QStringLiteral("https://graph.facebook.com/v23.0") << id << QStringList() << QStringList();
    QTest::newRow("base form without the key") << QStringLiteral("https://graph.facebook.com/v23.0") << QString()
                                               << QStringLiteral("https://graph.facebook.com/v23.0") << QString()
                                               << QStringList{ConfigKey::WhatsAppPhoneNumberId} << QStringList();
}

void TestConfig::graphApiUrlForms()
{
    QFETCH(QString, apiUrl);
    QFETCH(QString, phoneNumberIdKey);
    QFETCH(QString, base);
    QFETCH(QString, phoneNumberId);
    QFETCH(QStringList, errorFields);
    QFETCH(QStringList, warnedFields);

    // Exactly the guide's keys, plus what the row adds.
    Config config = configWith({
        {ConfigKey::Provider, QStringLiteral("direct")},
        {ConfigKey::WhatsAppApiUrl, apiUrl},
        {ConfigKey::WhatsAppApiToken, QStringLiteral("your-whatsapp-api-token")},
        {ConfigKey::WhatsAppVerifyToken, QStringLiteral("your-webhook-verification-token")},
        {ConfigKey::WhatsAppBusinessAccountId, QStringLiteral("102290129340398")},
        {ConfigKey::WhatsAppAppSecret, QStringLiteral("appsecret")},
    });
    if (!phoneNumberIdKey.isEmpty()) {
        config.set(ConfigKey::WhatsAppPhoneNumberId, phoneNumberIdKey, kCommandLine);
    }
    QCOMPARE(fields(config.validate()), errorFields);
    QCOMPARE(fields(config.warnings()), warnedFields);
    QCOMPARE(config.whatsAppApiUrl(), QUrl(base));
    QCOMPARE(config.metaConfig().apiUrl, QUrl(base));
    QCOMPARE(config.metaConfig().phoneNumberId, phoneNumberId);
}

void TestConfig::graphApiUrlFormsAreNamedInMessages()
{
    // The conflict names both keys and both values, so the user knows which line to change.
    const Config conflict = configWith({
        {ConfigKey::Provider, QStringLiteral("direct")},
        {ConfigKey::WhatsAppApiUrl, QStringLiteral("https://graph.facebook.com/v18.0/106540352242922/messages")},
        {ConfigKey::WhatsAppPhoneNumberId, QStringLiteral("987654321098765")},
        {ConfigKey::WhatsAppApiToken, QStringLiteral("token")},
    });
    const QList<Error> problems = conflict.validate();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().code, QStringLiteral("config.conflict"));
    for (const QString& part : {QStringLiteral("WHATSAPP_PHONE_NUMBER_ID"),
                                QStringLiteral("WHATSAPP_API_URL"),
                                QStringLiteral("987654321098765"),
                                QStringLiteral("106540352242922")}) {
        QVERIFY2(problems.first().message.contains(part), qPrintable(problems.first().message));
    }

    // Missing with the base form: the message offers the send-URL form as the other way.
    const Config missing = configWith(
        {{ConfigKey::Provider, QStringLiteral("direct")}, {ConfigKey::WhatsAppApiToken, QStringLiteral("token")}});
    const QStringList messages = messagesFor(missing.validate(), ConfigKey::WhatsAppPhoneNumberId);
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages.first().contains(QStringLiteral("/<phone-number-id>/messages")), qPrintable(messages.first()));
}

void TestConfig::typedAccessors()
{
    const Config config = configWith({
        {ConfigKey::Listen, QStringLiteral(" [::1]:9000 ")},
        {ConfigKey::SendRate, QStringLiteral("12.5")},
        {ConfigKey::SendConcurrency, QStringLiteral("8")},
        {ConfigKey::WindowPolicy, QStringLiteral("warn")},
        {ConfigKey::BodyLimit, QStringLiteral("2048")},
        {ConfigKey::ApiToken, QStringLiteral("token")},
    });
    QCOMPARE(config.listenAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(config.listenPort(), quint16(9000));
    QCOMPARE(config.sendRate(), 12.5);
    QCOMPARE(config.sendConcurrency(), 8);
    QCOMPARE(config.windowPolicy(), Config::WindowPolicy::Warn);
    QCOMPARE(config.bodyLimit(), qint64(2048));
    QCOMPARE(config.apiToken(), QStringLiteral("token"));

    // Unparseable values fall back to the default; validate() has reported them.
    const Config broken =
        configWith({{ConfigKey::SendConcurrency, QStringLiteral("many")}, {ConfigKey::Listen, QStringLiteral("x")}});
    QCOMPARE(broken.sendConcurrency(), 64);
    QCOMPARE(broken.listenPort(), quint16(8080));
}

void TestConfig::loggingRules_data()
{
    QTest::addColumn<QString>("level");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("rules");
    QTest::newRow("debug") << QStringLiteral("debug") << int(QtDebugMsg) << QStringLiteral("flowchat.*.debug=true");
    QTest::newRow("info") << QStringLiteral("info") << int(QtInfoMsg) << QStringLiteral("flowchat.*.debug=false");
    QTest::newRow("warning") << QStringLiteral("Warning") << int(QtWarningMsg)
                             << QStringLiteral("flowchat.*.debug=false\nflowchat.*.info=false");
}

void TestConfig::loggingRules()
{
    QFETCH(QString, level);
    QFETCH(int, type);
    QFETCH(QString, rules);
    const Config config = configWith({{ConfigKey::LogLevel, level}});
    QCOMPARE(int(config.logLevel()), type);
    QCOMPARE(config.loggingRules(), rules);
}

void TestConfig::origins()
{
    Config config;
    config.set(ConfigKey::SendRate, QStringLiteral("5"), {Config::Source::EnvFile, QStringLiteral("/tmp/x/.env")});
    QVERIFY(config.isSet(ConfigKey::SendRate));
    QCOMPARE(config.origin(ConfigKey::SendRate).describe(), QStringLiteral(".env file /tmp/x/.env"));
    QCOMPARE(Config::Origin().describe(), QStringLiteral("default"));
    QCOMPARE((Config::Origin{Config::Source::Environment, QString()}.describe()), QStringLiteral("environment"));
    QCOMPARE((Config::Origin{Config::Source::CommandLine, QString()}.describe()),
             QStringLiteral("command line (--set)"));
    QCOMPARE((Config::Origin{Config::Source::SavedSettings, QStringLiteral("/s.ini")}.describe()),
             QStringLiteral("saved settings (/s.ini)"));
}

void TestConfig::everyKeyIsDocumented_data()
{
    QTest::addColumn<QString>("key");
    for (const QString& key : Config::keys()) {
        QTest::newRow(qPrintable(key)) << key;
    }
}

void TestConfig::everyKeyIsDocumented()
{
    QFETCH(QString, key);
    static const QString table = readSource(QStringLiteral("docs/configuration.md"));
    static const QString example = readSource(QStringLiteral("resources/flowchat.env.example"));
    QVERIFY(!table.isEmpty());
    QVERIFY(!example.isEmpty());
    QVERIFY2(table.contains(QStringLiteral("| `%1` |").arg(key)), "missing from docs/configuration.md");
    QVERIFY2(example.contains(QStringLiteral("%1=").arg(key)), "missing from resources/flowchat.env.example");
}

QTEST_GUILESS_MAIN(TestConfig)
#include "TestConfig.moc"
