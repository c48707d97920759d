#pragma once

#include "app/config/Config.h"
#include "app/doctor/DoctorChecks.h"

#include <QObject>
#include <QString>

class ProviderFactory;
class QNetworkAccessManager;

// `flowchat doctor`: checks, each with a pass/fail line in plain words, why webhooks may not arrive
// or be refused: every config key, the provider answering with these credentials, the receiver
// listening on FLOWCHAT_LISTEN, FLOWCHAT_PUBLIC_URL reaching this very receiver (a signed
// self-test webhook sent through it), and the recently refused webhooks with their likely cause.
class WebhookDoctor : public DoctorChecks
{
    Q_OBJECT
public:
    struct Options
    {
        int timeoutMs = 8000; // per network check
        int logEntries = 50; // how much of the webhook log to read
    };

    explicit WebhookDoctor(const Config& config, QObject* parent = nullptr);
    WebhookDoctor(const Config& config, Options options, QObject* parent = nullptr);
    ~WebhookDoctor() override;

    // Runs every check in turn; line() for each result, then finished().
    void run();

private:
    void checkConfig();
    void checkProvider();
    void checkReceiver();
    void checkPublicUrl();
    void checkWebhookLog();
    void done();

    QUrl listenUrl(const QString& path) const;

    Config m_config;
    Options m_options;
    ProviderFactory* m_providers = nullptr;
    QNetworkAccessManager* m_network;
    QString m_instanceId; // of the receiver on FLOWCHAT_LISTEN, when it answered
};
