#pragma once

#include "app/store/StoreTypes.h"

#include <QPlainTextEdit>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class WhatsAppService;

// The editor: Enter sends, Shift+Enter breaks the line.
class ComposerEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    using QPlainTextEdit::QPlainTextEdit;

signals:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent* event) override;
};

// Below the thread: writes a free-form message to the current conversation through
// WhatsAppService::send. Counts characters against WhatsApp's 4096 and refuses free text when the
// 24-hour window is closed, saying why. The send returns at once; the bubble shows the rest.
class Composer : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxLength = 4096;

    explicit Composer(QWidget* parent = nullptr);

    void setService(WhatsAppService* service);
    // Sandbox providers accept free text at any time; the window is still shown in the header.
    void setWindowEnforced(bool enforced);
    void setConversation(const ConversationSummary& summary, bool windowOpen);
    void clearConversation();

    ComposerEdit* editor() const;
    bool canSend() const;
    QString notice() const;

    void send();

signals:
    // Accepted by the service: the id of the stored message.
    void sent(qint64 messageId);

private:
    void updateState();

    QPointer<WhatsAppService> m_service;
    ComposerEdit* m_edit;
    QLabel* m_counter;
    QLabel* m_notice;
    QPushButton* m_send;
    QString m_to;
    QString m_error; // the service's last refusal, until the agent edits
    bool m_hasConversation = false;
    bool m_windowOpen = false;
    bool m_enforced = true;
    bool m_sending = false;
};
