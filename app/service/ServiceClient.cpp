#include "app/service/ServiceClient.h"

#include "app/store/MessageStore.h"
#include "app/store/StoreReader.h"
#include "providers/Provider.h"

ServiceClient::ServiceClient(WhatsAppService* service, QObject* parent)
    : QObject(parent)
    , m_service(service)
    , m_health(new ProviderHealth(service->provider()))
    , m_reader(std::make_unique<StoreReader>(service->store()->database()))
    , m_traffic(service->providerTraffic())
    , m_providerName(service->provider() ? service->provider()->name() : QString())
    , m_sandbox(service->isSandbox())
    , m_teamConsole(service->store()->isShared())
    , m_agent(service->agentName())
{
    // The values read above are fixed before the host reports started(), and the queued signal
    // that brought that news to this thread orders these reads after those writes.
    // The probe talks to the provider, so it runs where the provider lives.
    m_health->moveToThread(service->thread());
    connect(m_health, &ProviderHealth::changed, this, &ServiceClient::setHealth);
    connect(service, &WhatsAppService::providerProblem, m_health, &ProviderHealth::reportError);

    connect(service, &WhatsAppService::messageChanged, this, &ServiceClient::messageChanged);
    connect(service, &WhatsAppService::conversationChanged, this, &ServiceClient::conversationChanged);
    connect(service, &WhatsAppService::templatesChanged, this, &ServiceClient::templatesChanged);
    connect(service, &WhatsAppService::webhookRefused, this, &ServiceClient::webhookRefused);
    connect(service, &WhatsAppService::outboxChanged, this, [this](int length) { setOutbox(length, m_outboxPaused); });
    connect(service, &WhatsAppService::providerProblem, this, [this](const Error& error) {
        // The outbox pauses itself on exactly these problems (Outbox::providerProblem).
        setOutbox(m_outboxLength, true);
        emit providerProblem(error);
    });
    connect(service, &WhatsAppService::missedChanges, this, &ServiceClient::missedChanges);
    connect(service, &WhatsAppService::presenceChanged, this, &ServiceClient::presenceChanged);
    if (m_teamConsole) {
        connect(service, &WhatsAppService::teamChanged, this, &ServiceClient::setTeam);
        QMetaObject::invokeMethod(service, &WhatsAppService::reportTeam, Qt::QueuedConnection);
    }
    refreshOutbox();
}

bool ServiceClient::isTeamConsole() const
{
    return m_teamConsole;
}

bool ServiceClient::isDatabaseReachable() const
{
    return m_databaseReachable;
}

bool ServiceClient::isTeamSenderRunning() const
{
    return m_teamSenderRunning;
}

QString ServiceClient::databaseProblem() const
{
    return m_databaseProblem;
}

void ServiceClient::setTeam(bool databaseReachable, bool senderRunning, const QString& problem)
{
    m_databaseReachable = databaseReachable;
    m_teamSenderRunning = senderRunning;
    m_databaseProblem = problem;
    emit teamChanged();
}

ServiceClient::~ServiceClient()
{
    detach();
}

void ServiceClient::detach()
{
    if (!m_service) {
        return;
    }
    m_service->disconnect(this);
    // Deleted on its own thread, before the service goes.
    m_health->disconnect(this);
    m_health->deleteLater();
    m_health = nullptr;
    m_service = nullptr;
    m_traffic = nullptr;
}

bool ServiceClient::isAttached() const
{
    return m_service != nullptr;
}

StoreReader* ServiceClient::reader() const
{
    return m_reader.get();
}

ProviderTraffic* ServiceClient::providerTraffic() const
{
    return m_traffic;
}

QString ServiceClient::providerName() const
{
    return m_providerName;
}

bool ServiceClient::isSandbox() const
{
    return m_sandbox;
}

int ServiceClient::outboxLength() const
{
    return m_outboxLength;
}

bool ServiceClient::isOutboxPaused() const
{
    return m_outboxPaused;
}

ProviderHealth::State ServiceClient::healthState() const
{
    return m_healthState;
}

QString ServiceClient::healthDetail() const
{
    return m_healthDetail;
}

void ServiceClient::send(const SendRequest& request, QObject* context, Callback<SendReceipt> done)
{
    // What the console sends carries its agent; the HTTP API's does not.
    SendRequest signed_ = request;
    signed_.agent = m_agent;
    ask<SendReceipt>(context, std::move(done), [signed_](WhatsAppService& service, QObject* own, auto answer) {
        service.send(signed_, own, std::move(answer));
    });
}

void ServiceClient::sendTemplate(const TemplateSendRequest& request, QObject* context, Callback<SendReceipt> done)
{
    TemplateSendRequest signed_ = request;
    signed_.agent = m_agent;
    ask<SendReceipt>(context, std::move(done), [signed_](WhatsAppService& service, QObject* own, auto answer) {
        service.sendTemplate(signed_, own, std::move(answer));
    });
}

QString ServiceClient::agentName() const
{
    return m_agent;
}

void ServiceClient::publishPresence(qint64 conversationId, bool typing)
{
    if (!m_service || !m_teamConsole) {
        return;
    }
    WhatsAppService* service = m_service;
    QMetaObject::invokeMethod(
        service,
        [service, conversationId, typing] { service->publishPresence(conversationId, typing); },
        Qt::QueuedConnection);
}

void ServiceClient::resend(qint64 id, QObject* context, Callback<SendReceipt> done)
{
    ask<SendReceipt>(context, std::move(done), [id](WhatsAppService& service, QObject* own, auto answer) {
        service.resend(id, own, std::move(answer));
    });
}

void ServiceClient::dismiss(qint64 id, QObject* context, Callback<SendReceipt> done)
{
    ask<SendReceipt>(context, std::move(done), [id](WhatsAppService& service, QObject* own, auto answer) {
        service.dismiss(id, own, std::move(answer));
    });
}

void ServiceClient::replayWebhook(qint64 logId, QObject* context, Callback<WebhookOutcome> done)
{
    ask<WebhookOutcome>(context, std::move(done), [logId](WhatsAppService& service, QObject* own, auto answer) {
        service.replayWebhook(logId, own, std::move(answer));
    });
}

void ServiceClient::syncTemplates(QObject* context, Callback<int> done)
{
    ask<int>(context, std::move(done), [](WhatsAppService& service, QObject* own, auto answer) {
        service.syncTemplates(own, std::move(answer));
    });
}

void ServiceClient::fetchMedia(qint64 messageId, QObject* context, Callback<QString> done)
{
    ask<QString>(context, std::move(done), [messageId](WhatsAppService& service, QObject* own, auto answer) {
        service.fetchMedia(messageId, own, std::move(answer));
    });
}

void ServiceClient::openConversation(const QString& number, QObject* context, Callback<ConversationSummary> done)
{
    ask<ConversationSummary>(context, std::move(done), [number](WhatsAppService& service, QObject* own, auto answer) {
        service.openConversation(number, own, std::move(answer));
    });
}

void ServiceClient::simulateCustomerMessage(QObject* context, Callback<void> done)
{
    ask<void>(context, std::move(done), [](WhatsAppService& service, QObject*, auto answer) {
        answer(service.simulateCustomerMessage());
    });
}

void ServiceClient::markConversationRead(qint64 conversationId)
{
    WhatsAppService* service = m_service;
    if (!service) {
        return;
    }
    QMetaObject::invokeMethod(
        service, [service, conversationId] { service->markConversationRead(conversationId); }, Qt::QueuedConnection);
}

void ServiceClient::resumeOutbox()
{
    WhatsAppService* service = m_service;
    if (!service) {
        return;
    }
    QMetaObject::invokeMethod(
        service, [service] { service->resumeOutbox(); }, Qt::QueuedConnection);
    refreshOutbox(); // queued behind the resume, so it reads the state after it
}

void ServiceClient::checkProvider()
{
    if (!m_health) {
        return;
    }
    QMetaObject::invokeMethod(m_health, &ProviderHealth::check, Qt::QueuedConnection);
}

void ServiceClient::refreshOutbox()
{
    struct OutboxState
    {
        int length = 0;
        bool paused = false;
    };
    ask<OutboxState>(
        this,
        [this](Result<OutboxState> state) {
            if (state) { // a detached client keeps the last state it knew
                setOutbox(state->length, state->paused);
            }
        },
        [](WhatsAppService& service, QObject*, auto answer) {
            answer(OutboxState{service.outboxLength(), service.isOutboxPaused()});
        });
}

void ServiceClient::setOutbox(int length, bool paused)
{
    if (length == m_outboxLength && paused == m_outboxPaused) {
        return;
    }
    m_outboxLength = length;
    m_outboxPaused = paused;
    emit outboxChanged(length, paused);
}

void ServiceClient::setHealth(ProviderHealth::State state, const QString& detail)
{
    m_healthState = state;
    m_healthDetail = detail;
    emit healthChanged(state, detail);
}
