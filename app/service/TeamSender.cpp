#include "app/service/TeamSender.h"

#include "app/AppLogging.h"
#include "app/service/Outbox.h"
#include "app/store/MessageReader.h"
#include "app/store/MessageStore.h"

namespace
{

constexpr int kIntervalMs = 1000;
// Pending rows handed over per look; the outbox keeps its own pace.
constexpr int kPickUpLimit = 500;

} // namespace

TeamSender::TeamSender(MessageStore* store, MessageReader* reader, Outbox* outbox, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_reader(reader)
    , m_outbox(outbox)
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &TeamSender::claim);
}

void TeamSender::start()
{
    qCInfo(lcService) << "team mode: this process sends only while it holds the team's outbox lock";
    m_timer.start();
    claim();
}

void TeamSender::claim()
{
    if (m_claiming) {
        return;
    }
    m_claiming = true;
    m_store->claimOutbox(this, [this](Result<bool> held) {
        m_claiming = false;
        if (!held) {
            qCWarning(lcService) << "cannot ask for the team's outbox lock:" << held.error().message;
            return;
        }
        if (*held && !m_sender) {
            m_sender = true;
            qCInfo(lcService) << "this process now sends for the team";
            emit becameSender();
        } else if (!*held && m_sender) {
            m_sender = false;
            qCWarning(lcService) << "this process lost the team's outbox lock (its connection dropped): it stops "
                                    "sending; another process may send now";
            emit lostSender();
        } else if (m_sender) {
            pickUpPending();
        }
    });
}

bool TeamSender::isSender() const
{
    return m_sender;
}

void TeamSender::pickUpPending()
{
    const Result<QList<qint64>> pending = m_reader->pendingMessageIds(kPickUpLimit);
    if (!pending) {
        qCWarning(lcService) << "cannot look for pending messages:" << pending.error().message;
        return;
    }
    for (const qint64 id : *pending) {
        m_outbox->enqueue(id); // ids it already holds are ignored
    }
}
