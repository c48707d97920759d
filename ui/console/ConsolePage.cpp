#include "ui/console/ConsolePage.h"

#include "app/service/ServiceClient.h"
#include "ui/Appearance.h"
#include "ui/composer/Composer.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"
#include "ui/team/PresenceBoard.h"
#include "ui/thread/BubbleDelegate.h"
#include "ui/thread/ThreadHeader.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadView.h"
#include "ui/timeline/MessageMenu.h"
#include "ui/welcome/WelcomePanel.h"

#include <QApplication>
#include <QDateTime>
#include <QEvent>
#include <QFrame>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

ConsolePage::ConsolePage(StoreReader* reader, QWidget* parent)
    : QWidget(parent)
    , m_reader(reader)
{
    setObjectName(QStringLiteral("consolePage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("consoleSplitter"));
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter);

    m_conversations = new ConversationListPanel(m_reader, m_splitter);
    m_conversations->setMinimumWidth(240);
    m_splitter->addWidget(m_conversations);

    auto* right = new QWidget(m_splitter);
    right->setObjectName(QStringLiteral("threadPanel"));
    auto* column = new QVBoxLayout(right);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_header = new ThreadHeader(right);
    column->addWidget(m_header);
    auto* line = new QFrame(right);
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);
    column->addWidget(line);
    m_thread = new ThreadModel(m_reader, this);
    m_threadView = new ThreadView(right);
    m_threadView->setThreadModel(m_thread);
    m_messageMenu = new MessageMenu(m_threadView);
    connect(m_messageMenu, &MessageMenu::statusTimelineRequested, this, &ConsolePage::statusTimelineRequested);
    connect(m_threadView, &ThreadView::messageActionRequested, this, [this](qint64 id, int action) {
        if (action == int(BubbleDelegate::Action::Dismiss)) {
            m_messageMenu->dismiss(id);
        } else {
            m_messageMenu->resend(id);
        }
    });
    connect(m_messageMenu, &MessageMenu::report, this, [this](const QString& text) { emit statusMessage(text, 8000); });
    updateThreadCanvas();
    // Until a conversation is picked, the thread area welcomes instead of showing an empty page.
    m_threadArea = new QStackedWidget(right);
    m_welcome = new WelcomePanel(m_threadArea);
    connect(m_welcome, &WelcomePanel::newConversationRequested, this, &ConsolePage::newConversationRequested);
    connect(m_welcome, &WelcomePanel::customerMessageRequested, this, &ConsolePage::simulateCustomerMessage);
    m_threadArea->addWidget(m_welcome);
    m_threadArea->addWidget(m_threadView);
    column->addWidget(m_threadArea, 1);
    m_composer = new Composer(right);
    column->addWidget(m_composer);
    connect(m_messageMenu, &MessageMenu::replyRequested, m_composer, &Composer::setReplyTo);
    connect(m_composer, &Composer::templatesRequested, this, &ConsolePage::templatesRequested);
    // The agent's own message is where the eye goes, even from far up the thread.
    connect(m_composer, &Composer::sent, m_threadView, &ThreadView::scrollToNewest);
    // Team mode: who else is here, in the header; typing here is published; sending while someone
    // else replies asks first.
    m_presence = new PresenceBoard(this);
    connect(m_presence, &PresenceBoard::changed, this, [this] {
        m_header->setPresence(m_presence->describe(m_currentConversation));
    });
    connect(m_composer, &Composer::typing, m_presence, &PresenceBoard::noteTyping);
    connect(m_composer, &Composer::sent, m_presence, &PresenceBoard::stopTyping);
    m_composer->setOthersReplying([this] { return m_presence->replying(m_currentConversation); });
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({320, 800});

    connect(m_conversations, &ConversationListPanel::conversationSelected, this, &ConsolePage::onConversationSelected);
}

ConsolePage::~ConsolePage() = default;

void ConsolePage::setService(ServiceClient* service)
{
    m_service = service;
    m_composer->setService(service);
    m_presence->setService(service);
    if (!service) {
        return;
    }
    m_welcome->setSandbox(service->isSandbox());
    // The sandbox contact's window is always open; FLOWCHAT_WINDOW_POLICY=warn lets free text through.
    m_composer->setWindowEnforced(!service->isSandbox() && m_windowEnforced);
    connect(service,
            &ServiceClient::conversationChanged,
            m_conversations->model(),
            &ConversationListModel::conversationChanged);
    connect(service, &ServiceClient::messageChanged, m_thread, &ThreadModel::messageChanged);
    connect(service, &ServiceClient::missedChanges, this, [this] {
        // Team mode: the database was away, so other consoles' changes were not announced here.
        m_conversations->model()->reload();
        m_thread->setConversation(m_thread->conversationId());
    });
    m_messageMenu->setService(service);
    m_thread->setService(service);
}

void ConsolePage::setWindowEnforced(bool enforced)
{
    m_windowEnforced = enforced;
}

void ConsolePage::openNewestConversation()
{
    const auto openNewest = [this] {
        if (m_conversations->model()->rowCount() > 0) {
            m_conversations->selectRelative(0);
        }
    };
    if (m_conversations->model()->isLoading()) {
        connect(
            m_conversations->model(), &ConversationListModel::pageLoaded, this, openNewest, Qt::SingleShotConnection);
    } else {
        openNewest();
    }
}

void ConsolePage::onConversationSelected(const ConversationSummary& summary)
{
    m_currentSummary = summary;
    emit conversationOpened(summary);
    const bool open = summary.windowOpenAt(QDateTime::currentMSecsSinceEpoch());
    m_header->setConversation(summary);
    m_composer->setConversation(summary, open);
    m_threadArea->setCurrentWidget(m_threadView);
    if (summary.id != m_currentConversation) {
        m_currentConversation = summary.id;
        m_presence->setViewing(summary.id);
        m_header->setPresence(m_presence->describe(summary.id));
        m_thread->setConversation(summary.id);
        m_composer->editor()->setFocus(Qt::OtherFocusReason);
    }
    if (summary.unreadCount > 0 && m_service) {
        m_service->markConversationRead(summary.id);
    }
}

void ConsolePage::simulateCustomerMessage()
{
    if (!m_service) {
        return;
    }
    m_service->simulateCustomerMessage(this, [this](Result<void> asked) {
        emit statusMessage(asked ? tr("The sample customer is writing to you…") : asked.error().message, 8000);
    });
}

qint64 ConsolePage::currentConversation() const
{
    return m_currentConversation;
}

ConversationSummary ConsolePage::currentSummary() const
{
    return m_currentSummary;
}

QByteArray ConsolePage::saveSplitterState() const
{
    return m_splitter->saveState();
}

void ConsolePage::restoreSplitterState(const QByteArray& state)
{
    m_splitter->restoreState(state);
}

ConversationListPanel* ConsolePage::conversations() const
{
    return m_conversations;
}

ThreadHeader* ConsolePage::threadHeader() const
{
    return m_header;
}

ThreadModel* ConsolePage::threadModel() const
{
    return m_thread;
}

ThreadView* ConsolePage::threadView() const
{
    return m_threadView;
}

Composer* ConsolePage::composer() const
{
    return m_composer;
}

PresenceBoard* ConsolePage::presence() const
{
    return m_presence;
}

WelcomePanel* ConsolePage::welcomePanel() const
{
    return m_welcome;
}

void ConsolePage::updateThreadCanvas()
{
    // A calm, slightly tinted canvas behind the bubbles, as chat apps do.
    QPalette canvas = QApplication::palette(m_threadView);
    canvas.setColor(QPalette::Base, Appearance::isDark(canvas) ? QColor(0x0b, 0x14, 0x1a) : QColor(0xef, 0xea, 0xe2));
    m_threadView->setPalette(canvas);
}

void ConsolePage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // Qt 6 tells widgets about a new application palette with PaletteChange.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        updateThreadCanvas();
    }
}
