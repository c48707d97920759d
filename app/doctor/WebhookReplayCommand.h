#pragma once

#include "app/config/Config.h"

#include <QObject>

class MessageStore;
class ProviderFactory;
class WhatsAppService;

// `flowchat replay-webhook ID`: runs a logged webhook through verification, parsing and storing
// again (idempotent: what is stored already stays once) and prints the outcome. Builds the store,
// provider and service without starting the outbox, so nothing is sent.
class WebhookReplayCommand : public QObject
{
    Q_OBJECT
public:
    WebhookReplayCommand(const Config& config, qint64 logId, QObject* parent = nullptr);
    ~WebhookReplayCommand() override;

    void run();

signals:
    void line(const QString& text);
    // 0 when the replay was accepted and stored, 1 otherwise.
    void finished(int exitCode);

private:
    Config m_config;
    qint64 m_logId;
    MessageStore* m_store = nullptr;
    ProviderFactory* m_providers = nullptr;
    WhatsAppService* m_service = nullptr;
};
