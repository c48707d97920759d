#include "app/doctor/WebhookReplayCommand.h"

#include "app/service/ProviderFactory.h"
#include "app/service/WhatsAppService.h"
#include "app/store/MessageStore.h"

#include <QFileInfo>

WebhookReplayCommand::WebhookReplayCommand(const Config& config, qint64 logId, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_logId(logId)
{
}

WebhookReplayCommand::~WebhookReplayCommand()
{
    // The service uses the store: it goes first, and the store commits what is queued.
    delete m_service;
    delete m_providers;
    delete m_store;
}

void WebhookReplayCommand::run()
{
    if (!m_config.databaseIsShared() && !QFileInfo::exists(m_config.database())) {
        emit line(QStringLiteral("No database at %1: no webhook has been logged there.").arg(m_config.database()));
        emit finished(1);
        return;
    }
    StoreOptions options;
    options.path = m_config.database();
    m_store = new MessageStore(options, this);
    m_providers = new ProviderFactory(this);
    const Result<Provider*> provider = m_providers->create(m_config);
    if (!provider) {
        emit line(QStringLiteral("Cannot set up the provider: %1").arg(provider.error().message));
        emit finished(1);
        return;
    }
    m_service = new WhatsAppService(m_config, m_store, *provider, this);
    m_store->open(this, [this](Result<OpenReport> opened) {
        if (!opened) {
            emit line(QStringLiteral("Cannot open %1: %2").arg(m_config.databaseForDisplay(), opened.error().message));
            emit finished(1);
            return;
        }
        m_service->replayWebhook(m_logId, this, [this](Result<WebhookOutcome> outcome) {
            if (!outcome) {
                emit line(QStringLiteral("Webhook #%1 was not replayed: %2").arg(m_logId).arg(outcome.error().message));
                emit finished(1);
                return;
            }
            emit line(QStringLiteral("Webhook #%1 replayed: %2 (HTTP %3)%4; logged as #%5.")
                          .arg(m_logId)
                          .arg(StoreNames::verdict(outcome->verdict))
                          .arg(outcome->httpStatus)
                          .arg(outcome->reason.isEmpty() ? QString() : QStringLiteral(": ") + outcome->reason)
                          .arg(outcome->logId));
            emit finished(outcome->verdict == WebhookLogEntry::Verdict::Accepted && outcome->httpStatus == 200 ? 0 : 1);
        });
    });
}
