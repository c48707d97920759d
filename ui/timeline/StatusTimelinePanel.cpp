#include "ui/timeline/StatusTimelinePanel.h"

#include "app/store/StoreReader.h"
#include "providers/ErrorCatalogue.h"
#include "ui/widgets/StatusTicks.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace
{

// The same marks the bubbles show, as an icon for the list.
QIcon tickIcon(MessageStatus status, const QPalette& palette)
{
    const qreal height = 14;
    QPixmap pixmap(QSize(int(StatusTicks::width(height)) + 2, int(height) + 2));
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    StatusTicks::paint(
        &painter, QRectF(1, 1, StatusTicks::width(height), height), status, palette.color(QPalette::Text));
    return QIcon(pixmap);
}

} // namespace

StatusTimelinePanel::StatusTimelinePanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("statusTimeline"));
    auto* column = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(tr("Status timeline"), this);
    m_title->setObjectName(QStringLiteral("timelineTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    top->addWidget(m_title, 1);
    auto* close = new QToolButton(this);
    close->setObjectName(QStringLiteral("closeTimeline"));
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close (Esc)"));
    close->setAccessibleName(tr("Close the status timeline"));
    top->addWidget(close);
    column->addLayout(top);

    auto* idRow = new QHBoxLayout;
    m_providerId = new QLabel(this);
    m_providerId->setObjectName(QStringLiteral("timelineProviderId"));
    m_providerId->setTextFormat(Qt::PlainText);
    m_providerId->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_providerId->setWordWrap(true);
    m_copy = new QToolButton(this);
    m_copy->setObjectName(QStringLiteral("copyProviderId"));
    m_copy->setText(tr("Copy"));
    m_copy->setAccessibleName(tr("Copy the provider's message id"));
    idRow->addWidget(m_providerId, 1);
    idRow->addWidget(m_copy);
    column->addLayout(idRow);

    m_events = new QTreeWidget(this);
    m_events->setObjectName(QStringLiteral("timelineEvents"));
    m_events->setAccessibleName(tr("Statuses"));
    m_events->setRootIsDecorated(false);
    m_events->setWordWrap(true);
    m_events->setHeaderLabels({tr("Time"), tr("Status"), tr("Provider said")});
    m_events->header()->setStretchLastSection(true);
    column->addWidget(m_events, 1);

    connect(close, &QToolButton::clicked, this, &StatusTimelinePanel::closeRequested);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_providerId->property("providerId").toString());
    });
    setMinimumWidth(300);
}

StatusTimelinePanel::~StatusTimelinePanel() = default;

void StatusTimelinePanel::setReader(StoreReader* reader)
{
    m_reader = reader;
    if (m_reader && m_id != 0) {
        reload();
    }
}

bool StatusTimelinePanel::isLoading() const
{
    return m_readsInFlight > 0;
}

qint64 StatusTimelinePanel::messageId() const
{
    return m_id;
}

QTreeWidget* StatusTimelinePanel::events() const
{
    return m_events;
}

void StatusTimelinePanel::showMessage(qint64 id)
{
    m_id = id;
    reload();
}

void StatusTimelinePanel::messageChanged(const StoredMessage& message)
{
    if (message.id == m_id && isVisible()) {
        reload();
    }
}

void StatusTimelinePanel::reload()
{
    if (!m_reader) {
        return;
    }
    if (m_shownId != m_id) { // a refresh of the same message keeps its rows until the answer
        m_events->clear();
        m_title->setText(tr("Loading…"));
        m_providerId->clear();
        m_copy->hide();
    }
    ++m_readsInFlight;
    const qint64 id = m_id;
    m_reader->message(id, this, [this, id](Result<StoredMessage> message) {
        --m_readsInFlight;
        if (id != m_id) { // another message was opened meanwhile; its own answer follows
            return;
        }
        showTimeline(message);
        emit loaded(id);
    });
}

void StatusTimelinePanel::showTimeline(const Result<StoredMessage>& message)
{
    m_events->clear();
    m_shownId = m_id;
    if (!message) {
        m_title->setText(tr("Status timeline: %1").arg(message.error().message));
        m_providerId->clear();
        m_copy->hide();
        return;
    }
    const QString snippet = message->body.simplified().left(60);
    m_title->setText(snippet.isEmpty() ? tr("Status timeline") : tr("Status timeline: “%1”").arg(snippet));
    m_providerId->setProperty("providerId", message->providerMessageId);
    m_providerId->setText(message->providerMessageId.isEmpty()
                              ? tr("Not accepted by the provider yet: no provider message id.")
                              : tr("%1 id: %2").arg(message->provider, message->providerMessageId));
    m_copy->setVisible(!message->providerMessageId.isEmpty());

    auto* created =
        new QTreeWidgetItem(m_events,
                            {QDateTime::fromMSecsSinceEpoch(message->createdAt).toString(QStringLiteral("HH:mm:ss")),
                             tr("created"),
                             tr("stored by FlowChat")});
    created->setIcon(1, tickIcon(MessageStatus::Pending, palette()));
    for (const StatusEvent& event : message->history) {
        const qint64 at = event.providerTime > 0 ? event.providerTime : event.receivedAt;
        QString said = event.rawStatus;
        if (!event.errorCode.isEmpty() || !event.errorMessage.isEmpty()) {
            const std::optional<ErrorAdvice> advice = ErrorCatalogue::find(message->provider, event.errorCode);
            said += QLatin1Char('\n')
                    + tr("Error %1: %2").arg(event.errorCode, advice ? advice->title : event.errorMessage);
        }
        auto* item = new QTreeWidgetItem(m_events,
                                         {QDateTime::fromMSecsSinceEpoch(at).toString(QStringLiteral("HH:mm:ss")),
                                          Status::toString(event.status),
                                          said});
        item->setIcon(1, tickIcon(event.status, palette()));
        item->setToolTip(1, StatusTicks::describe(event.status));
        item->setToolTip(0, QLocale().toString(QDateTime::fromMSecsSinceEpoch(at), QLocale::LongFormat));
        item->setToolTip(2, event.errorMessage.isEmpty() ? event.rawStatus : event.errorMessage);
    }
    m_events->resizeColumnToContents(0);
    m_events->resizeColumnToContents(1);
}
