#include "app/config/Config.h"

#include "app/store/StoreDialect.h"
#include "providers/Phone.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cmath>
#include <optional>
#include <pwd.h>
#include <unistd.h>

namespace
{

const QString kWebhookPath = QStringLiteral("/api/whatsapp/webhook");

struct HostPort
{
    QHostAddress address;
    quint16 port = 0;
};

bool isDigits(QStringView text)
{
    if (text.isEmpty()) {
        return false;
    }
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9')) {
            return false;
        }
    }
    return true;
}

bool hasWhitespace(const QString& text)
{
    for (const QChar c : text) {
        if (c.isSpace()) {
            return true;
        }
    }
    return false;
}

std::optional<HostPort> parseHostPort(const QString& text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return std::nullopt;
    }
    QString host = text.left(colon);
    const QStringView portText = QStringView(text).mid(colon + 1);
    if (!isDigits(portText) || portText.size() > 5) {
        return std::nullopt;
    }
    const uint port = portText.toUInt();
    if (port > 65535) {
        return std::nullopt;
    }
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    } else if (host.contains(QLatin1Char(':'))) {
        return std::nullopt; // an IPv6 address needs brackets: [::1]:8080
    }
    HostPort result;
    result.port = static_cast<quint16>(port);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        result.address = QHostAddress(QHostAddress::LocalHost);
    } else if (!result.address.setAddress(host)) {
        return std::nullopt;
    }
    return result;
}

bool isHttpUrl(const QUrl& url)
{
    return url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
           && !url.host().isEmpty();
}

QUrl withoutTrailingSlash(QUrl url)
{
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    url.setPath(path);
    return url;
}

std::optional<Config::Provider> parseProvider(const QString& text)
{
    const QString name = text.toLower();
    if (name == QLatin1String("twilio")) {
        return Config::Provider::Twilio;
    }
    // "meta" is what people call it; the seed called it "direct".
    if (name == QLatin1String("direct") || name == QLatin1String("meta")) {
        return Config::Provider::Direct;
    }
    if (name == QLatin1String("sandbox")) {
        return Config::Provider::Sandbox;
    }
    return std::nullopt;
}

std::optional<double> parseRate(const QString& text)
{
    bool ok = false;
    const double rate = text.toDouble(&ok);
    if (!ok || !std::isfinite(rate) || rate <= 0) {
        return std::nullopt;
    }
    return rate;
}

std::optional<int> parseConcurrency(const QString& text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > 1024) {
        return std::nullopt;
    }
    return value;
}

constexpr qint64 kMinBodyLimit = 1024;
constexpr qint64 kMaxBodyLimit = 1024 * 1024 * 1024;

std::optional<qint64> parseBodyLimit(const QString& text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < kMinBodyLimit || value > kMaxBodyLimit) {
        return std::nullopt;
    }
    return value;
}

constexpr int kMaxWebhookLogDays = 3650;

std::optional<int> parseWebhookLogDays(const QString& text)
{
    bool ok = false;
    const int days = text.toInt(&ok);
    if (!ok || days < 0 || days > kMaxWebhookLogDays) {
        return std::nullopt;
    }
    return days;
}

std::optional<QtMsgType> parseLogLevel(const QString& text)
{
    const QString name = text.toLower();
    if (name == QLatin1String("debug")) {
        return QtDebugMsg;
    }
    if (name == QLatin1String("info")) {
        return QtInfoMsg;
    }
    if (name == QLatin1String("warning")) {
        return QtWarningMsg;
    }
    return std::nullopt;
}

// WHATSAPP_API_URL in either form people write it: the base ending in the Graph API version
// ("…/v23.0"), or the whole send URL the integration guide shows ("…/v18.0/<phone-number-id>/messages").
struct GraphApiUrl
{
    QUrl base; // up to and including the version, without a trailing slash
    QString phoneNumberId; // from the send form; empty for the base form
};

std::optional<GraphApiUrl> parseGraphApiUrl(const QUrl& url)
{
    static const QRegularExpression version(QStringLiteral("^v\\d+\\.\\d+$"));
    static const QRegularExpression pathSegment(QStringLiteral("^[A-Za-z0-9._~-]+$"));
    if (!isHttpUrl(url) || url.hasQuery() || url.hasFragment()) {
        return std::nullopt;
    }
    QStringList segments = withoutTrailingSlash(url).path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    GraphApiUrl parsed;
    if (segments.size() >= 3 && segments.last() == QLatin1String("messages")
        && version.match(segments.at(segments.size() - 3)).hasMatch()
        && pathSegment.match(segments.at(segments.size() - 2)).hasMatch()) {
        parsed.phoneNumberId = segments.at(segments.size() - 2);
        segments.resize(segments.size() - 2);
    }
    if (segments.isEmpty() || !version.match(segments.last()).hasMatch()) {
        return std::nullopt;
    }
    parsed.base = url;
    parsed.base.setPath(QLatin1Char('/') + segments.join(QLatin1Char('/')));
    return parsed;
}

Error invalid(const QString& key, const QString& message)
{
    return Error::configuration(key, QStringLiteral("config.invalid"), message);
}

} // namespace

QString Config::Origin::describe() const
{
    switch (source) {
    case Source::Default:
        return QStringLiteral("default");
    case Source::SavedSettings:
        return QStringLiteral("saved settings (%1)").arg(detail);
    case Source::EnvFile:
        return QStringLiteral(".env file %1").arg(detail);
    case Source::Environment:
        return QStringLiteral("environment");
    case Source::CommandLine:
        return QStringLiteral("command line (--set)");
    }
    return QString();
}

QStringList Config::keys()
{
    return {
        ConfigKey::Provider,
        ConfigKey::TwilioAccountSid,
        ConfigKey::TwilioAuthToken,
        ConfigKey::TwilioWhatsAppNumber,
        ConfigKey::TwilioApiBaseUrl,
        ConfigKey::TwilioContentBaseUrl,
        ConfigKey::WhatsAppApiUrl,
        ConfigKey::WhatsAppApiToken,
        ConfigKey::WhatsAppPhoneNumberId,
        ConfigKey::WhatsAppBusinessAccountId,
        ConfigKey::WhatsAppVerifyToken,
        ConfigKey::WhatsAppAppSecret,
        ConfigKey::Listen,
        ConfigKey::PublicUrl,
        ConfigKey::ApiToken,
        ConfigKey::Database,
        ConfigKey::SendRate,
        ConfigKey::SendConcurrency,
        ConfigKey::WindowPolicy,
        ConfigKey::MediaCache,
        ConfigKey::BodyLimit,
        ConfigKey::LogLevel,
        ConfigKey::WebhookLogDays,
        ConfigKey::Agent,
        ConfigKey::DatabasePassword,
    };
}

bool Config::isKnownKey(const QString& key)
{
    return keys().contains(key);
}

bool Config::isSecret(const QString& key)
{
    static const QStringList secrets = {
        ConfigKey::TwilioAuthToken,
        ConfigKey::WhatsAppApiToken,
        ConfigKey::WhatsAppVerifyToken,
        ConfigKey::WhatsAppAppSecret,
        ConfigKey::ApiToken,
        ConfigKey::DatabasePassword,
    };
    return secrets.contains(key);
}

namespace
{

// The account's full name (the GECOS field's first part), else its login name.
QString systemUserFullName()
{
    if (const passwd* account = getpwuid(getuid())) {
        const QString full = QString::fromLocal8Bit(account->pw_gecos).section(QLatin1Char(','), 0, 0).trimmed();
        return full.isEmpty() ? QString::fromLocal8Bit(account->pw_name) : full;
    }
    return qEnvironmentVariable("USER");
}

} // namespace

QString Config::defaultValue(const QString& key)
{
    if (key == ConfigKey::Provider) {
        return QStringLiteral("sandbox");
    }
    if (key == ConfigKey::TwilioApiBaseUrl) {
        return QStringLiteral("https://api.twilio.com");
    }
    if (key == ConfigKey::TwilioContentBaseUrl) {
        return QStringLiteral("https://content.twilio.com");
    }
    if (key == ConfigKey::WhatsAppApiUrl) {
        return QStringLiteral("https://graph.facebook.com/v23.0");
    }
    if (key == ConfigKey::Listen) {
        return QStringLiteral("127.0.0.1:8080");
    }
    if (key == ConfigKey::Database) {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/flowchat.sqlite");
    }
    if (key == ConfigKey::SendRate) {
        return QStringLiteral("80");
    }
    if (key == ConfigKey::SendConcurrency) {
        return QStringLiteral("64");
    }
    if (key == ConfigKey::WindowPolicy) {
        return QStringLiteral("enforce");
    }
    if (key == ConfigKey::MediaCache) {
        return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/media");
    }
    if (key == ConfigKey::BodyLimit) {
        return QStringLiteral("1048576");
    }
    if (key == ConfigKey::LogLevel) {
        return QStringLiteral("info");
    }
    if (key == ConfigKey::WebhookLogDays) {
        return QStringLiteral("30");
    }
    if (key == ConfigKey::Agent) {
        return systemUserFullName();
    }
    return QString();
}

QString Config::redacted(const QString& key, const QString& value)
{
    if (isSecret(key) && !value.isEmpty()) {
        return QStringLiteral("********");
    }
    if (key == ConfigKey::Database) {
        return StoreDialect::displayName(value);
    }
    return value;
}

QString Config::providerName(Provider provider)
{
    switch (provider) {
    case Provider::Sandbox:
        return QStringLiteral("sandbox");
    case Provider::Twilio:
        return QStringLiteral("twilio");
    case Provider::Direct:
        return QStringLiteral("direct");
    }
    return QString();
}

void Config::set(const QString& key, const QString& value, const Origin& origin)
{
    m_values.insert(key, Entry{value, origin});
}

QString Config::value(const QString& key) const
{
    const auto it = m_values.constFind(key);
    return it == m_values.cend() ? defaultValue(key) : it->value;
}

bool Config::isSet(const QString& key) const
{
    return m_values.contains(key);
}

Config::Origin Config::origin(const QString& key) const
{
    const auto it = m_values.constFind(key);
    return it == m_values.cend() ? Origin() : it->origin;
}

void Config::addLoadProblem(const Error& problem)
{
    m_loadProblems.append(problem);
}

void Config::addLoadWarning(const Error& warning)
{
    m_loadWarnings.append(warning);
}

QString Config::envFilePath() const
{
    return m_envFilePath;
}

void Config::setEnvFilePath(const QString& path)
{
    m_envFilePath = path;
}

QString Config::trimmed(const QString& key) const
{
    // An empty value counts as unset, so a blank "KEY=" line in a .env keeps the default.
    const QString text = value(key).trimmed();
    return text.isEmpty() ? defaultValue(key) : text;
}

Config::Provider Config::provider() const
{
    return parseProvider(trimmed(ConfigKey::Provider)).value_or(Provider::Sandbox);
}

QString Config::twilioAccountSid() const
{
    return trimmed(ConfigKey::TwilioAccountSid);
}

QString Config::twilioAuthToken() const
{
    return value(ConfigKey::TwilioAuthToken);
}

QString Config::twilioWhatsAppNumber() const
{
    const QString raw = trimmed(ConfigKey::TwilioWhatsAppNumber);
    if (raw.isEmpty()) {
        return raw;
    }
    return Phone::normalize(raw, ConfigKey::TwilioWhatsAppNumber).value_or(raw);
}

QUrl Config::twilioApiBaseUrl() const
{
    const QUrl url(trimmed(ConfigKey::TwilioApiBaseUrl));
    return withoutTrailingSlash(isHttpUrl(url) ? url : QUrl(defaultValue(ConfigKey::TwilioApiBaseUrl)));
}

QUrl Config::twilioContentBaseUrl() const
{
    const QUrl url(trimmed(ConfigKey::TwilioContentBaseUrl));
    return withoutTrailingSlash(isHttpUrl(url) ? url : QUrl(defaultValue(ConfigKey::TwilioContentBaseUrl)));
}

QUrl Config::whatsAppApiUrl() const
{
    const std::optional<GraphApiUrl> parsed = parseGraphApiUrl(QUrl(trimmed(ConfigKey::WhatsAppApiUrl)));
    return parsed ? parsed->base : QUrl(defaultValue(ConfigKey::WhatsAppApiUrl));
}

QString Config::whatsAppApiToken() const
{
    return value(ConfigKey::WhatsAppApiToken);
}

QString Config::whatsAppPhoneNumberId() const
{
    const QString given = trimmed(ConfigKey::WhatsAppPhoneNumberId);
    return given.isEmpty() ? phoneNumberIdInApiUrl() : given;
}

QString Config::phoneNumberIdInApiUrl() const
{
    const std::optional<GraphApiUrl> parsed = parseGraphApiUrl(QUrl(trimmed(ConfigKey::WhatsAppApiUrl)));
    return parsed ? parsed->phoneNumberId : QString();
}

QString Config::whatsAppBusinessAccountId() const
{
    return trimmed(ConfigKey::WhatsAppBusinessAccountId);
}

QString Config::whatsAppVerifyToken() const
{
    return value(ConfigKey::WhatsAppVerifyToken);
}

QString Config::whatsAppAppSecret() const
{
    return value(ConfigKey::WhatsAppAppSecret);
}

QHostAddress Config::listenAddress() const
{
    const auto parsed = parseHostPort(trimmed(ConfigKey::Listen));
    return parsed ? parsed->address : parseHostPort(defaultValue(ConfigKey::Listen))->address;
}

quint16 Config::listenPort() const
{
    const auto parsed = parseHostPort(trimmed(ConfigKey::Listen));
    return parsed ? parsed->port : parseHostPort(defaultValue(ConfigKey::Listen))->port;
}

QUrl Config::publicUrl() const
{
    const QUrl url(trimmed(ConfigKey::PublicUrl));
    return isHttpUrl(url) ? url : QUrl();
}

QUrl Config::webhookUrl() const
{
    const QUrl base = publicUrl();
    if (base.isEmpty()) {
        return QUrl();
    }
    QUrl url = withoutTrailingSlash(base);
    url.setPath(url.path() + kWebhookPath);
    return url;
}

QString Config::apiToken() const
{
    return value(ConfigKey::ApiToken);
}

QString Config::agentName() const
{
    return trimmed(ConfigKey::Agent);
}

QString Config::database() const
{
    return trimmed(ConfigKey::Database);
}

bool Config::databaseIsShared() const
{
    return StoreDialect::isPostgres(database());
}

QString Config::databaseForDisplay() const
{
    return StoreDialect::displayName(database());
}

double Config::sendRate() const
{
    return parseRate(trimmed(ConfigKey::SendRate)).value_or(defaultValue(ConfigKey::SendRate).toDouble());
}

int Config::sendConcurrency() const
{
    return parseConcurrency(trimmed(ConfigKey::SendConcurrency))
        .value_or(defaultValue(ConfigKey::SendConcurrency).toInt());
}

Config::WindowPolicy Config::windowPolicy() const
{
    return trimmed(ConfigKey::WindowPolicy).compare(QLatin1String("warn"), Qt::CaseInsensitive) == 0
               ? WindowPolicy::Warn
               : WindowPolicy::Enforce;
}

QString Config::mediaCacheDir() const
{
    return trimmed(ConfigKey::MediaCache);
}

qint64 Config::bodyLimit() const
{
    return parseBodyLimit(trimmed(ConfigKey::BodyLimit)).value_or(defaultValue(ConfigKey::BodyLimit).toLongLong());
}

QtMsgType Config::logLevel() const
{
    return parseLogLevel(trimmed(ConfigKey::LogLevel)).value_or(QtInfoMsg);
}

int Config::webhookLogDays() const
{
    return parseWebhookLogDays(trimmed(ConfigKey::WebhookLogDays))
        .value_or(defaultValue(ConfigKey::WebhookLogDays).toInt());
}

QString Config::loggingRules() const
{
    switch (logLevel()) {
    case QtDebugMsg:
        return QStringLiteral("flowchat.*.debug=true");
    case QtWarningMsg:
        return QStringLiteral("flowchat.*.debug=false\nflowchat.*.info=false");
    default:
        return QStringLiteral("flowchat.*.debug=false");
    }
}

QList<Error> Config::validate() const
{
    QList<Error> problems = m_loadProblems;
    const auto given = [this](const QString& key) {
        return trimmed(key);
    };

    const QString providerText = given(ConfigKey::Provider);
    const std::optional<Provider> active = parseProvider(providerText);
    if (!active) {
        problems.append(
            invalid(ConfigKey::Provider, QStringLiteral("WHATSAPP_PROVIDER must be twilio, direct or sandbox")));
    }

    static const QRegularExpression accountSid(QStringLiteral("^AC[0-9a-fA-F]{32}$"));
    static const QRegularExpression authToken(QStringLiteral("^[0-9a-fA-F]{32}$"));
    const QString sid = given(ConfigKey::TwilioAccountSid);
    if (!sid.isEmpty() && !accountSid.match(sid).hasMatch()) {
        problems.append(invalid(ConfigKey::TwilioAccountSid,
                                QStringLiteral("TWILIO_ACCOUNT_SID must start with AC and have 34 characters")));
    }
    const QString token = value(ConfigKey::TwilioAuthToken);
    if (!token.isEmpty() && !authToken.match(token).hasMatch()) {
        problems.append(invalid(ConfigKey::TwilioAuthToken,
                                QStringLiteral("TWILIO_AUTH_TOKEN must be 32 hexadecimal characters, "
                                               "the Auth Token shown in the Twilio Console")));
    }
    const QString number = given(ConfigKey::TwilioWhatsAppNumber);
    if (!number.isEmpty()) {
        const Result<QString> normalized = Phone::normalize(number, ConfigKey::TwilioWhatsAppNumber);
        if (!normalized) {
            problems.append(invalid(ConfigKey::TwilioWhatsAppNumber,
                                    QStringLiteral("TWILIO_WHATSAPP_NUMBER must be the WhatsApp sender number in "
                                                   "E.164 form, such as +14155238886 (%1)")
                                        .arg(normalized.error().message)));
        }
    }
    for (const QString& key : {ConfigKey::TwilioApiBaseUrl, ConfigKey::TwilioContentBaseUrl}) {
        if (!isHttpUrl(QUrl(given(key)))) {
            problems.append(invalid(
                key, QStringLiteral("%1 must be an http or https URL, such as %2").arg(key, defaultValue(key))));
        }
    }
    if (!parseGraphApiUrl(QUrl(given(ConfigKey::WhatsAppApiUrl)))) {
        problems.append(
            invalid(ConfigKey::WhatsAppApiUrl,
                    QStringLiteral("WHATSAPP_API_URL must be the Graph API send URL, such as "
                                   "https://graph.facebook.com/v23.0/<phone-number-id>/messages, or its "
                                   "base ending in the version, such as https://graph.facebook.com/v23.0")));
    }
    for (const QString& key : {ConfigKey::WhatsAppApiToken,
                               ConfigKey::WhatsAppVerifyToken,
                               ConfigKey::WhatsAppAppSecret,
                               ConfigKey::ApiToken}) {
        if (hasWhitespace(value(key))) {
            problems.append(invalid(key, QStringLiteral("%1 must not contain spaces or line breaks").arg(key)));
        }
    }
    const QString phoneNumberId = given(ConfigKey::WhatsAppPhoneNumberId);
    if (!phoneNumberId.isEmpty() && !isDigits(phoneNumberId)) {
        problems.append(invalid(ConfigKey::WhatsAppPhoneNumberId,
                                QStringLiteral("WHATSAPP_PHONE_NUMBER_ID must be digits only: the phone number ID "
                                               "from Meta's WhatsApp Manager, not the phone number")));
    }
    const QString idInUrl = phoneNumberIdInApiUrl();
    if (!phoneNumberId.isEmpty() && !idInUrl.isEmpty() && phoneNumberId != idInUrl) {
        problems.append(
            Error::configuration(ConfigKey::WhatsAppPhoneNumberId,
                                 QStringLiteral("config.conflict"),
                                 QStringLiteral("WHATSAPP_PHONE_NUMBER_ID is %1 but WHATSAPP_API_URL names phone "
                                                "number ID %2; remove one of them or make them agree")
                                     .arg(phoneNumberId, idInUrl)));
    }
    const QString businessAccountId = given(ConfigKey::WhatsAppBusinessAccountId);
    if (!businessAccountId.isEmpty() && !isDigits(businessAccountId)) {
        problems.append(invalid(ConfigKey::WhatsAppBusinessAccountId,
                                QStringLiteral("WHATSAPP_BUSINESS_ACCOUNT_ID must be digits only: the WhatsApp "
                                               "Business Account ID from Meta's WhatsApp Manager")));
    }
    const std::optional<HostPort> listen = parseHostPort(given(ConfigKey::Listen));
    if (!listen) {
        problems.append(invalid(ConfigKey::Listen,
                                QStringLiteral("FLOWCHAT_LISTEN must be ADDRESS:PORT with an IP address or localhost "
                                               "and a port from 0 to 65535, such as 127.0.0.1:8080")));
    }
    const QString publicUrlText = given(ConfigKey::PublicUrl);
    if (!publicUrlText.isEmpty() && !isHttpUrl(QUrl(publicUrlText))) {
        problems.append(invalid(ConfigKey::PublicUrl,
                                QStringLiteral("FLOWCHAT_PUBLIC_URL must be an http or https URL, such as "
                                               "https://chat.example.com")));
    }
    // Anyone who can reach a non-loopback listener could send messages without a token.
    if (listen && !listen->address.isLoopback() && apiToken().isEmpty()) {
        problems.append(
            Error::configuration(ConfigKey::ApiToken,
                                 QStringLiteral("config.insecure"),
                                 QStringLiteral("FLOWCHAT_API_TOKEN must be set when FLOWCHAT_LISTEN is not a "
                                                "loopback address, or anyone on the network could send messages")));
    }
    if (databaseIsShared()) {
        const QUrl uri(database(), QUrl::StrictMode);
        if (!uri.isValid() || !uri.fragment().isEmpty()) {
            problems.append(invalid(ConfigKey::Database,
                                    QStringLiteral("FLOWCHAT_DATABASE is not a valid PostgreSQL URI (%1); write it as "
                                                   "postgresql://user@host:5432/database?sslmode=require")
                                        .arg(databaseForDisplay())));
        }
    } else if (QFileInfo(database()).isDir()) {
        problems.append(
            invalid(ConfigKey::Database, QStringLiteral("FLOWCHAT_DATABASE must be the path of a file, not a folder")));
    }
    if (!parseRate(given(ConfigKey::SendRate))) {
        problems.append(invalid(ConfigKey::SendRate,
                                QStringLiteral("FLOWCHAT_SEND_RATE must be a positive number of messages per second, "
                                               "such as 80")));
    }
    if (!parseConcurrency(given(ConfigKey::SendConcurrency))) {
        problems.append(invalid(ConfigKey::SendConcurrency,
                                QStringLiteral("FLOWCHAT_SEND_CONCURRENCY must be a whole number from 1 to 1024")));
    }
    const QString policy = given(ConfigKey::WindowPolicy).toLower();
    if (policy != QLatin1String("enforce") && policy != QLatin1String("warn")) {
        problems.append(
            invalid(ConfigKey::WindowPolicy, QStringLiteral("FLOWCHAT_WINDOW_POLICY must be enforce or warn")));
    }
    const QFileInfo mediaCache(mediaCacheDir());
    if (mediaCache.exists() && !mediaCache.isDir()) {
        problems.append(
            invalid(ConfigKey::MediaCache, QStringLiteral("FLOWCHAT_MEDIA_CACHE must be a folder, not a file")));
    }
    if (!parseBodyLimit(given(ConfigKey::BodyLimit))) {
        problems.append(invalid(ConfigKey::BodyLimit,
                                QStringLiteral("FLOWCHAT_BODY_LIMIT must be a whole number of bytes from %1 to %2, "
                                               "such as 1048576")
                                    .arg(kMinBodyLimit)
                                    .arg(kMaxBodyLimit)));
    }
    if (!parseWebhookLogDays(given(ConfigKey::WebhookLogDays))) {
        problems.append(invalid(ConfigKey::WebhookLogDays,
                                QStringLiteral("FLOWCHAT_WEBHOOK_LOG_DAYS must be a whole number of days from 0 (keep "
                                               "everything) to %1, such as 30")
                                    .arg(kMaxWebhookLogDays)));
    }
    if (!parseLogLevel(given(ConfigKey::LogLevel))) {
        problems.append(
            invalid(ConfigKey::LogLevel, QStringLiteral("FLOWCHAT_LOG_LEVEL must be debug, info or warning")));
    }

    QStringList required;
    if (active == Provider::Twilio) {
        required = {ConfigKey::TwilioAccountSid, ConfigKey::TwilioAuthToken, ConfigKey::TwilioWhatsAppNumber};
    } else if (active == Provider::Direct) {
        required = {ConfigKey::WhatsAppApiToken};
    }
    for (const QString& key : required) {
        if (given(key).isEmpty()) {
            problems.append(Error::configuration(
                key,
                QStringLiteral("config.missing"),
                QStringLiteral("%1 is required when WHATSAPP_PROVIDER is %2").arg(key, providerName(*active))));
        }
    }
    // The phone number ID may also come from the send-URL form of WHATSAPP_API_URL.
    if (active == Provider::Direct && whatsAppPhoneNumberId().isEmpty()) {
        problems.append(
            Error::configuration(ConfigKey::WhatsAppPhoneNumberId,
                                 QStringLiteral("config.missing"),
                                 QStringLiteral("WHATSAPP_PHONE_NUMBER_ID is required when WHATSAPP_PROVIDER is "
                                                "direct and WHATSAPP_API_URL is the base form; or set "
                                                "WHATSAPP_API_URL to the whole send URL, such as "
                                                "https://graph.facebook.com/v23.0/<phone-number-id>/messages")));
    }
    return problems;
}

QList<Error> Config::warnings() const
{
    QList<Error> warnings = m_loadWarnings;
    const Provider active = provider();
    if (active == Provider::Direct) {
        if (whatsAppBusinessAccountId().isEmpty()) {
            warnings.append(
                Error::configuration(ConfigKey::WhatsAppBusinessAccountId,
                                     QStringLiteral("config.missing"),
                                     QStringLiteral("WHATSAPP_BUSINESS_ACCOUNT_ID is not set: message templates "
                                                    "cannot be listed")));
        }
        const QString idInUrl = phoneNumberIdInApiUrl();
        if (!idInUrl.isEmpty() && !isDigits(idInUrl)) {
            warnings.append(
                Error::configuration(ConfigKey::WhatsAppApiUrl,
                                     QStringLiteral("config.suspicious"),
                                     QStringLiteral("WHATSAPP_API_URL names phone number ID '%1', but Meta's phone "
                                                    "number IDs are digits (WhatsApp Manager > API Setup); is it "
                                                    "still the example's placeholder?")
                                         .arg(idInUrl)));
        }
        if (whatsAppAppSecret().isEmpty()) {
            warnings.append(
                Error::configuration(ConfigKey::WhatsAppAppSecret,
                                     QStringLiteral("config.insecure"),
                                     QStringLiteral("WHATSAPP_APP_SECRET is not set: incoming Meta webhooks are "
                                                    "accepted without checking their signature")));
        }
    }
    if (active == Provider::Twilio && publicUrl().isEmpty()) {
        warnings.append(
            Error::configuration(ConfigKey::PublicUrl,
                                 QStringLiteral("config.missing"),
                                 QStringLiteral("FLOWCHAT_PUBLIC_URL is not set: Twilio is not asked for status "
                                                "updates, and its webhooks cannot be verified")));
    }
    const auto listen = parseHostPort(trimmed(ConfigKey::Listen));
    if (listen && !listen->address.isLoopback()) {
        warnings.append(
            Error::configuration(ConfigKey::Listen,
                                 QStringLiteral("config.insecure"),
                                 QStringLiteral("FLOWCHAT_LISTEN is not a loopback address: the local API is "
                                                "reachable from the network")));
    }
    return warnings;
}

TwilioConfig Config::twilioConfig() const
{
    TwilioConfig config;
    config.accountSid = twilioAccountSid();
    config.authToken = twilioAuthToken();
    config.fromNumber = twilioWhatsAppNumber();
    config.apiBaseUrl = twilioApiBaseUrl();
    config.contentBaseUrl = twilioContentBaseUrl();
    config.statusCallbackUrl = webhookUrl();
    config.webhookUrl = webhookUrl();
    return config;
}

MetaConfig Config::metaConfig() const
{
    MetaConfig config;
    config.apiUrl = whatsAppApiUrl();
    config.accessToken = whatsAppApiToken();
    config.phoneNumberId = whatsAppPhoneNumberId();
    config.businessAccountId = whatsAppBusinessAccountId();
    config.appSecret = whatsAppAppSecret();
    config.verifyToken = whatsAppVerifyToken();
    return config;
}
