#pragma once

#include "providers/Result.h"
#include "providers/meta/MetaConfig.h"
#include "providers/twilio/TwilioConfig.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

// The names of every configuration key, so a typo is a compile error.
namespace ConfigKey
{
inline const QString Provider = QStringLiteral("WHATSAPP_PROVIDER");
inline const QString TwilioAccountSid = QStringLiteral("TWILIO_ACCOUNT_SID");
inline const QString TwilioAuthToken = QStringLiteral("TWILIO_AUTH_TOKEN");
inline const QString TwilioWhatsAppNumber = QStringLiteral("TWILIO_WHATSAPP_NUMBER");
inline const QString TwilioApiBaseUrl = QStringLiteral("TWILIO_API_BASE_URL");
inline const QString TwilioContentBaseUrl = QStringLiteral("TWILIO_CONTENT_BASE_URL");
inline const QString WhatsAppApiUrl = QStringLiteral("WHATSAPP_API_URL");
inline const QString WhatsAppApiToken = QStringLiteral("WHATSAPP_API_TOKEN");
inline const QString WhatsAppPhoneNumberId = QStringLiteral("WHATSAPP_PHONE_NUMBER_ID");
inline const QString WhatsAppBusinessAccountId = QStringLiteral("WHATSAPP_BUSINESS_ACCOUNT_ID");
inline const QString WhatsAppVerifyToken = QStringLiteral("WHATSAPP_VERIFY_TOKEN");
inline const QString WhatsAppAppSecret = QStringLiteral("WHATSAPP_APP_SECRET");
inline const QString Listen = QStringLiteral("FLOWCHAT_LISTEN");
inline const QString PublicUrl = QStringLiteral("FLOWCHAT_PUBLIC_URL");
inline const QString ApiToken = QStringLiteral("FLOWCHAT_API_TOKEN");
inline const QString Database = QStringLiteral("FLOWCHAT_DATABASE");
inline const QString SendRate = QStringLiteral("FLOWCHAT_SEND_RATE");
inline const QString SendConcurrency = QStringLiteral("FLOWCHAT_SEND_CONCURRENCY");
inline const QString WindowPolicy = QStringLiteral("FLOWCHAT_WINDOW_POLICY");
inline const QString MediaCache = QStringLiteral("FLOWCHAT_MEDIA_CACHE");
inline const QString BodyLimit = QStringLiteral("FLOWCHAT_BODY_LIMIT");
inline const QString LogLevel = QStringLiteral("FLOWCHAT_LOG_LEVEL");
inline const QString WebhookLogDays = QStringLiteral("FLOWCHAT_WEBHOOK_LOG_DAYS");
inline const QString Agent = QStringLiteral("FLOWCHAT_AGENT");
inline const QString DatabasePassword = QStringLiteral("FLOWCHAT_DATABASE_PASSWORD");
} // namespace ConfigKey

// Every setting FlowChat reads, each with where its value came from. A plain value: ConfigLoader
// fills it, validate() lists everything wrong with it, and the typed accessors fall back to the
// default when a value does not parse (validate() has reported it).
class Config
{
public:
    enum class Provider
    {
        Sandbox,
        Twilio,
        Direct,
    };
    enum class WindowPolicy
    {
        Enforce,
        Warn,
    };
    enum class Source
    {
        Default,
        SavedSettings,
        EnvFile,
        Environment,
        CommandLine,
    };
    struct Origin
    {
        Source source = Source::Default;
        QString detail; // the .env or settings file, when there is one
        QString describe() const;
        bool operator==(const Origin& other) const = default;
    };

    static QStringList keys(); // documentation order
    static bool isKnownKey(const QString& key);
    static bool isSecret(const QString& key);
    static QString defaultValue(const QString& key);
    // What may be shown or logged for a value: a secret becomes a mask.
    static QString redacted(const QString& key, const QString& value);
    static QString providerName(Provider provider);

    void set(const QString& key, const QString& value, const Origin& origin);
    QString value(const QString& key) const; // the default when no source gave one
    bool isSet(const QString& key) const; // some source gave it, even an empty value
    Origin origin(const QString& key) const;

    // Problems met while loading (.env syntax, --set syntax, unreadable files), kept with the value
    // so validate() can report everything at once.
    void addLoadProblem(const Error& problem);
    void addLoadWarning(const Error& warning);
    QString envFilePath() const; // the .env that was read; empty when none
    void setEnvFilePath(const QString& path);

    Provider provider() const;
    QString twilioAccountSid() const;
    QString twilioAuthToken() const;
    QString twilioWhatsAppNumber() const; // E.164 when valid
    QUrl twilioApiBaseUrl() const;
    QUrl twilioContentBaseUrl() const;
    // The Graph API base including its version, without a trailing slash, whichever form
    // WHATSAPP_API_URL is written in (the base, or the whole send URL ending in /messages).
    QUrl whatsAppApiUrl() const;
    QString whatsAppApiToken() const;
    // WHATSAPP_PHONE_NUMBER_ID, else the one named in the send-URL form of WHATSAPP_API_URL.
    QString whatsAppPhoneNumberId() const;
    QString phoneNumberIdInApiUrl() const; // empty for the base form
    QString whatsAppBusinessAccountId() const;
    QString whatsAppVerifyToken() const;
    QString whatsAppAppSecret() const;
    QHostAddress listenAddress() const;
    quint16 listenPort() const;
    QUrl publicUrl() const; // empty when not set
    QUrl webhookUrl() const; // publicUrl + /api/whatsapp/webhook; empty without a public URL
    QString apiToken() const;
    // FLOWCHAT_DATABASE: a SQLite file's path, or a PostgreSQL URI for a team's shared history.
    QString database() const;
    bool databaseIsShared() const; // PostgreSQL
    // What may be shown or logged of it: a URI loses its password.
    QString databaseForDisplay() const;
    double sendRate() const;
    int sendConcurrency() const;
    WindowPolicy windowPolicy() const;
    QString mediaCacheDir() const;
    qint64 bodyLimit() const;
    QtMsgType logLevel() const;
    int webhookLogDays() const; // 0: keep every webhook log entry
    // FLOWCHAT_AGENT: who works at this console, recorded on what they send and shown to the team.
    QString agentName() const;
    QString loggingRules() const; // for QLoggingCategory::setFilterRules

    // Every problem that stops FlowChat from working as configured, in key order.
    QList<Error> validate() const;
    // Things that work but deserve attention (a missing business account id, an open listener).
    QList<Error> warnings() const;

    TwilioConfig twilioConfig() const;
    MetaConfig metaConfig() const;

private:
    struct Entry
    {
        QString value;
        Origin origin;
    };

    QString trimmed(const QString& key) const;

    QHash<QString, Entry> m_values;
    QList<Error> m_loadProblems;
    QList<Error> m_loadWarnings;
    QString m_envFilePath;
};
