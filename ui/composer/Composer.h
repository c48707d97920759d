#pragma once

#include "app/store/StoreTypes.h"

#include <QPlainTextEdit>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <functional>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;
class ServiceClient;

// The editor: by default Enter sends and Shift+Enter breaks the line; with enterSends off, Enter
// breaks the line and Ctrl+Enter sends.
class ComposerEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    using QPlainTextEdit::QPlainTextEdit;

    void setEnterSends(bool enterSends);
    bool enterSends() const;

signals:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    bool m_enterSends = true;
};

// Below the thread: writes a free-form message to the current conversation through
// ServiceClient::send, optionally answering a message (the quote bar) and with media URLs
// attached (one message per URL, the text as the first one's caption). Counts characters against
// WhatsApp's limits and refuses free text when the 24-hour window is closed, saying why and
// pointing to the templates. The send returns at once; the bubble shows the rest.
class Composer : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxLength = 4096;
    static constexpr int kMaxCaptionLength = 1024;
    static constexpr int kMaxAttachments = 10;

    explicit Composer(QWidget* parent = nullptr);

    void setService(ServiceClient* service);
    // Sandbox providers accept free text at any time; the window is still shown in the header.
    void setWindowEnforced(bool enforced);
    void setConversation(const ConversationSummary& summary, bool windowOpen);

    // The next message answers `messageId`; the bar shows who wrote it and how it starts.
    void setReplyTo(qint64 messageId, const QString& author, const QString& text);
    void clearReply();
    qint64 replyToId() const;

    // Adds a media URL to the next message; an error in words when it cannot be attached.
    QString attach(const QString& url);
    void removeAttachment(int index);
    QStringList attachments() const;

    // Saved in QSettings (composer/enterSends); true by default.
    void setEnterSends(bool enterSends);
    bool enterSends() const;

    ComposerEdit* editor() const;
    bool canSend() const;
    QString notice() const;
    int lengthLimit() const; // 4096, or 1024 for a caption

    // Sends, asking first when another agent is replying to this customer (team mode).
    void send();
    // Team mode: names the other agents replying to this conversation right now.
    void setOthersReplying(std::function<QStringList()> othersReplying);

signals:
    // Accepted by the service: the id of the stored message.
    void sent(qint64 messageId);
    // The agent asked for the templates (the button, or the closed-window notice).
    void templatesRequested();
    // The agent edited the text (team mode publishes it as "is replying…").
    void typing();

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createReplyBar();
    void styleReplyBar(); // follows the palette (light or dark)
    void askForAttachment();
    void showAttachments();
    void updateState();
    void sendNow();

    QPointer<ServiceClient> m_service;
    std::function<QStringList()> m_othersReplying;
    ComposerEdit* m_edit;
    QLabel* m_counter;
    QLabel* m_notice;
    QPushButton* m_send;
    QWidget* m_replyBar = nullptr;
    QLabel* m_replyText = nullptr;
    QWidget* m_attachmentBar = nullptr;
    QHBoxLayout* m_attachmentRow = nullptr;
    QToolButton* m_attach = nullptr;
    QToolButton* m_templates = nullptr;
    QString m_to;
    QString m_error; // the service's last refusal, until the agent edits
    QStringList m_attachments;
    qint64 m_replyToId = 0;
    bool m_hasConversation = false;
    bool m_windowOpen = false;
    bool m_enforced = true;
    bool m_sending = false;
};
