#include "ui/logs/LogsDock.h"

#include "app/service/ServiceClient.h"
#include "app/store/StoreReader.h"
#include "ui/logs/ApplicationLogModel.h"
#include "ui/logs/RequestInspector.h"
#include "ui/logs/WebhookLogModel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace
{

constexpr int kWebhookRows = 200;

QString prettyBody(const QByteArray& body)
{
    const QJsonDocument json = QJsonDocument::fromJson(body);
    return json.isNull() ? QString::fromUtf8(body) : QString::fromUtf8(json.toJson(QJsonDocument::Indented));
}

} // namespace

LogsDock::LogsDock(QWidget* parent)
    : QDockWidget(tr("Logs"), parent)
    , m_logModel(new ApplicationLogModel(this))
    , m_logFilter(new ApplicationLogFilter(this))
    , m_webhookModel(new WebhookLogModel(this))
    , m_webhookReload(new QTimer(this))
{
    setObjectName(QStringLiteral("logsDock"));
    m_logFilter->setSourceModel(m_logModel);
    m_webhookReload->setSingleShot(true);
    m_webhookReload->setInterval(300);
    connect(m_webhookReload, &QTimer::timeout, this, &LogsDock::reloadWebhooks);

    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("logTabs"));
    tabs->addTab(createApplicationTab(), tr("Application"));
    tabs->addTab(createWebhookTab(), tr("Webhooks"));
    m_requests = new RequestInspector(tabs);
    tabs->addTab(m_requests, tr("Provider requests"));
    setWidget(tabs);

    m_logModel->append(LogBuffer::instance()->entries());
    connect(LogBuffer::instance(), &LogBuffer::appended, this, [this](const QList<LogEntry>& batch) {
        QScrollBar* bar = m_logView->verticalScrollBar();
        const bool atBottom = bar->value() >= bar->maximum() - 2;
        m_logModel->append(batch);
        if (atBottom) {
            m_logView->scrollToBottom();
        }
    });
}

LogsDock::~LogsDock() = default;

QWidget* LogsDock::createApplicationTab()
{
    auto* page = new QWidget(this);
    auto* column = new QVBoxLayout(page);
    auto* filters = new QHBoxLayout;
    m_level = new QComboBox(page);
    m_level->setObjectName(QStringLiteral("logLevel"));
    m_level->setAccessibleName(tr("Lowest level shown"));
    m_level->addItem(tr("Debug and above"), 0);
    m_level->addItem(tr("Info and above"), 1);
    m_level->addItem(tr("Warnings and errors"), 2);
    m_level->addItem(tr("Errors only"), 3);
    m_level->setCurrentIndex(1);
    m_category = new QLineEdit(page);
    m_category->setObjectName(QStringLiteral("logCategory"));
    m_category->setPlaceholderText(tr("Category, e.g. flowchat.outbox"));
    m_category->setAccessibleName(tr("Category filter"));
    m_search = new QLineEdit(page);
    m_search->setObjectName(QStringLiteral("logSearch"));
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setAccessibleName(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    filters->addWidget(m_level);
    filters->addWidget(m_category);
    filters->addWidget(m_search, 1);
    column->addLayout(filters);

    m_logView = new QTableView(page);
    m_logView->setObjectName(QStringLiteral("applicationLog"));
    m_logView->setAccessibleName(tr("Application log"));
    m_logView->setModel(m_logFilter);
    m_logView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_logView->verticalHeader()->hide();
    m_logView->verticalHeader()->setDefaultSectionSize(m_logView->fontMetrics().height() + 4);
    m_logView->horizontalHeader()->setStretchLastSection(true);
    m_logView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_logView->setWordWrap(false);
    column->addWidget(m_logView, 1);

    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_logFilter->setMinimumSeverity(m_level->currentData().toInt());
    });
    connect(m_category, &QLineEdit::textChanged, m_logFilter, &ApplicationLogFilter::setCategory);
    connect(m_search, &QLineEdit::textChanged, m_logFilter, &ApplicationLogFilter::setSearch);
    return page;
}

QWidget* LogsDock::createWebhookTab()
{
    auto* page = new QWidget(this);
    auto* column = new QVBoxLayout(page);
    auto* splitter = new QSplitter(Qt::Horizontal, page);
    m_webhooks = new QTableView(splitter);
    m_webhooks->setObjectName(QStringLiteral("webhookLog"));
    m_webhooks->setAccessibleName(tr("Webhooks received"));
    m_webhooks->setModel(m_webhookModel);
    m_webhooks->installEventFilter(this);
    // Sized once from the header and a typical row, not measured again on every reload.
    m_webhooks->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_webhooks->horizontalHeader()->resizeSection(
        WebhookLogModel::ReceivedColumn,
        m_webhooks->fontMetrics().horizontalAdvance(QStringLiteral("00/00/0000 00:00 PM")) + 16);
    m_webhooks->horizontalHeader()->setStretchLastSection(true);
    m_webhooks->verticalHeader()->setDefaultSectionSize(m_webhooks->fontMetrics().height() + 6);
    m_webhooks->verticalHeader()->hide();
    m_webhooks->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_webhooks->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_webhooks->setSelectionMode(QAbstractItemView::SingleSelection);
    m_webhookDetail = new QPlainTextEdit(splitter);
    m_webhookDetail->setObjectName(QStringLiteral("webhookDetail"));
    m_webhookDetail->setReadOnly(true);
    m_webhookDetail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_webhookDetail->setPlaceholderText(tr("Choose a webhook to see its headers and payload."));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    column->addWidget(splitter, 1);

    auto* actions = new QHBoxLayout;
    m_replayResult = new QLabel(page);
    m_replayResult->setObjectName(QStringLiteral("replayResult"));
    m_replayResult->setTextFormat(Qt::PlainText);
    m_replayResult->setWordWrap(true);
    actions->addWidget(m_replayResult, 1);
    auto* refresh = new QPushButton(tr("Refresh"), page);
    refresh->setObjectName(QStringLiteral("refreshWebhooks"));
    m_replay = new QPushButton(tr("Replay"), page);
    m_replay->setObjectName(QStringLiteral("replayWebhook"));
    m_replay->setToolTip(tr("Parse and store this webhook again. Safe: messages and statuses are never stored twice."));
    m_replay->setEnabled(false);
    actions->addWidget(refresh);
    actions->addWidget(m_replay);
    column->addLayout(actions);

    connect(m_webhooks->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LogsDock::showWebhook);
    connect(refresh, &QPushButton::clicked, this, &LogsDock::reloadWebhooks);
    connect(m_replay, &QPushButton::clicked, this, &LogsDock::replaySelected);
    return page;
}

void LogsDock::setService(ServiceClient* service)
{
    if (m_service) {
        disconnect(m_service, nullptr, this, nullptr);
    }
    m_service = service;
    if (service) {
        connect(service, &ServiceClient::messageChanged, this, &LogsDock::scheduleWebhookReload);
        connect(service, &ServiceClient::webhookRefused, this, &LogsDock::scheduleWebhookReload);
    }
    m_requests->setTraffic(service ? service->providerTraffic() : nullptr);
    m_webhooksStale = true;
    if (m_webhooks->isVisible()) {
        reloadWebhooks();
    }
}

RequestInspector* LogsDock::requestInspector() const
{
    return m_requests;
}

QTableView* LogsDock::applicationLog() const
{
    return m_logView;
}

QTableView* LogsDock::webhookLog() const
{
    return m_webhooks;
}

bool LogsDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_webhooks && event->type() == QEvent::Show && m_webhooksStale) {
        reloadWebhooks();
    }
    return QDockWidget::eventFilter(watched, event);
}

void LogsDock::scheduleWebhookReload()
{
    if (!m_webhooks->isVisible()) {
        m_webhooksStale = true;
        return;
    }
    if (!m_webhookReload->isActive()) {
        m_webhookReload->start();
    }
}

void LogsDock::reloadWebhooks()
{
    if (!m_service) {
        return;
    }
    m_webhooksStale = false;
    m_service->reader()->webhookLog(kWebhookRows, this, [this](Result<QList<WebhookLogEntry>> entries) {
        showWebhooks(entries);
        emit webhooksLoaded(m_webhookModel->rowCount());
    });
}

void LogsDock::showWebhooks(const Result<QList<WebhookLogEntry>>& entries)
{
    const qint64 selected = selectedWebhookId();
    const QSignalBlocker blocker(m_webhooks->selectionModel());
    if (!entries) {
        m_webhookModel->setEntries({});
        m_replayResult->setText(tr("Could not read the webhook log: %1").arg(entries.error().message));
        return;
    }
    m_webhookModel->setEntries(*entries);
    // An empty list says where webhooks come from and how to check the way in.
    m_webhookDetail->setPlaceholderText(
        entries->isEmpty() ? tr("No webhooks received yet. The provider posts them to /api/whatsapp/webhook at "
                                "FlowChat's public address (FLOWCHAT_PUBLIC_URL); Help > Diagnose webhooks checks "
                                "the way in.")
                           : tr("Choose a webhook to see its headers and payload."));
    if (const int row = m_webhookModel->rowOf(selected); row >= 0) {
        m_webhooks->selectRow(row);
    }
}

qint64 LogsDock::selectedWebhookId() const
{
    const QModelIndexList rows = m_webhooks->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_webhookModel->idAt(rows.first().row());
}

void LogsDock::showWebhook()
{
    const qint64 id = selectedWebhookId();
    m_replay->setEnabled(id != 0 && m_service);
    if (id == 0 || !m_service) {
        m_webhookDetail->clear();
        return;
    }
    m_service->reader()->webhookLogEntry(id, this, [this, id](Result<WebhookLogEntry> entry) {
        if (selectedWebhookId() == id) { // the agent may have moved on while it was read
            showWebhookDetail(entry);
        }
    });
}

void LogsDock::showWebhookDetail(const Result<WebhookLogEntry>& entry)
{
    if (!entry) {
        m_webhookDetail->setPlainText(entry.error().message);
        return;
    }
    QString text = tr("%1 %2").arg(entry->url, entry->provider) + QLatin1Char('\n');
    if (!entry->reason.isEmpty()) {
        text += tr("Reason: %1").arg(entry->reason) + QLatin1Char('\n');
    }
    for (auto it = entry->headers.constBegin(); it != entry->headers.constEnd(); ++it) {
        text += it.key() + QStringLiteral(": ") + it.value().toString() + QLatin1Char('\n');
    }
    text += QLatin1Char('\n') + prettyBody(entry->body);
    m_webhookDetail->setPlainText(text);
}

void LogsDock::replaySelected()
{
    const qint64 id = selectedWebhookId();
    if (id == 0 || !m_service) {
        return;
    }
    m_replay->setEnabled(false);
    m_replayResult->setText(tr("Replaying…"));
    m_service->replayWebhook(id, this, [this](Result<WebhookOutcome> outcome) {
        m_replay->setEnabled(selectedWebhookId() != 0);
        if (!outcome) {
            m_replayResult->setText(tr("Replay failed: %1").arg(outcome.error().message));
            return;
        }
        m_replayResult->setText(outcome->verdict == WebhookLogEntry::Verdict::Accepted
                                    ? tr("Replayed: stored again (nothing is ever stored twice).")
                                    : tr("Replayed, and refused again: %1").arg(outcome->reason));
        scheduleWebhookReload();
    });
}
