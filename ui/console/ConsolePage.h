#pragma once

#include "app/store/StoreTypes.h"

#include <QPointer>
#include <QWidget>

class Composer;
class ConversationListPanel;
class MessageMenu;
class PresenceBoard;
class QSplitter;
class QStackedWidget;
class ServiceClient;
class StoreReader;
class ThreadHeader;
class ThreadModel;
class ThreadView;
class WelcomePanel;

// The console itself: the conversation list | the open conversation's header, thread (or the
// welcome panel until one is picked) and composer. It reads through the reader it is built on and
// acts through the service it is handed; the window around it owns dialogs, docks and the status bar.
class ConsolePage : public QWidget
{
    Q_OBJECT
public:
    explicit ConsolePage(StoreReader* reader, QWidget* parent = nullptr);
    ~ConsolePage() override;

    // Live updates and sending go through `service`; nullptr drops it (the service is restarting).
    void setService(ServiceClient* service);
    // Whether free text is refused outside the 24-hour window; the sandbox contact is always open.
    // Takes effect with the next setService().
    void setWindowEnforced(bool enforced);
    // Opens the newest conversation as soon as the list's first page is in.
    void openNewestConversation();

    // The open conversation (0 and an empty summary until one is picked).
    qint64 currentConversation() const;
    ConversationSummary currentSummary() const;

    // The splitter between the list and the thread, for the window's saved state.
    QByteArray saveSplitterState() const;
    void restoreSplitterState(const QByteArray& state);

    ConversationListPanel* conversations() const;
    ThreadHeader* threadHeader() const;
    ThreadModel* threadModel() const;
    ThreadView* threadView() const;
    Composer* composer() const;
    WelcomePanel* welcomePanel() const;
    PresenceBoard* presence() const;

signals:
    // A conversation was picked in the list (or picked again, with a fresher summary).
    void conversationOpened(const ConversationSummary& summary);
    // A line for the window's status bar, shown for `timeoutMs`.
    void statusMessage(const QString& text, int timeoutMs);
    void statusTimelineRequested(qint64 messageId);
    void templatesRequested();
    void newConversationRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void onConversationSelected(const ConversationSummary& summary);
    void simulateCustomerMessage(); // the sandbox's sample customer writes in
    void updateThreadCanvas();

    StoreReader* m_reader = nullptr;
    QPointer<ServiceClient> m_service;
    bool m_windowEnforced = true;
    QSplitter* m_splitter = nullptr;
    ConversationListPanel* m_conversations = nullptr;
    ThreadHeader* m_header = nullptr;
    ThreadModel* m_thread = nullptr;
    ThreadView* m_threadView = nullptr;
    QStackedWidget* m_threadArea = nullptr; // the welcome panel, then the thread
    WelcomePanel* m_welcome = nullptr;
    Composer* m_composer = nullptr;
    MessageMenu* m_messageMenu = nullptr;
    PresenceBoard* m_presence = nullptr;
    qint64 m_currentConversation = 0;
    ConversationSummary m_currentSummary;
};
