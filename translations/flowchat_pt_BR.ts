<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About FlowChat</source>
        <translation>Sobre o FlowChat</translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
    <message>
        <source>A desktop console for WhatsApp customer support through Twilio or Meta&apos;s Cloud API.</source>
        <translation>Um console de desktop para atendimento ao cliente no WhatsApp pelo Twilio ou pela Cloud API da Meta.</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versão %1</translation>
    </message>
    <message>
        <source>Qt %1 (built with Qt %2)</source>
        <translation>Qt %1 (compilado com o Qt %2)</translation>
    </message>
    <message>
        <source>Released under the MIT License. Copyright © 2026 the FlowChat authors.</source>
        <translation>Distribuído sob a Licença MIT. Copyright © 2026 os autores do FlowChat.</translation>
    </message>
    <message>
        <source>Homepage</source>
        <translation>Página inicial</translation>
    </message>
</context>
<context>
    <name>BubbleDelegate</name>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>dddd, d MMMM</source>
        <translation>dddd, d &apos;de&apos; MMMM</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <source>%1 (code %2)</source>
        <translation>%1 (código %2)</translation>
    </message>
    <message>
        <source>Provider says: %1</source>
        <translation>Resposta do provedor: %1</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Type a message — Enter sends, Shift+Enter for a new line</source>
        <translation>Digite uma mensagem — Enter envia, Shift+Enter quebra a linha</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar mensagem</translation>
    </message>
    <message>
        <source>Characters used</source>
        <translation>Caracteres usados</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Não enviada: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Connecting to the message service…</source>
        <translation>Conectando ao serviço de mensagens…</translation>
    </message>
    <message>
        <source>The 24-hour window is closed: the customer has not written in the last 24 hours, so WhatsApp only accepts an approved template. Send a template to reopen the conversation.</source>
        <translation>A janela de 24 horas está fechada: o cliente não escreveu nas últimas 24 horas, por isso o WhatsApp só aceita um modelo aprovado. Envie um modelo para reabrir a conversa.</translation>
    </message>
    <message>
        <source>WhatsApp accepts at most %1 characters.</source>
        <translation>O WhatsApp aceita no máximo %1 caracteres.</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message numerus="yes">
        <source>%1, %n unread</source>
        <translation>
            <numerusform>%1, %n não lida</numerusform>
            <numerusform>%1, %n não lidas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationListPanel</name>
    <message>
        <source>Search names, numbers and messages</source>
        <translation>Pesquisar nomes, números e mensagens</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Pesquisar conversas</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Não lidas</translation>
    </message>
    <message>
        <source>Window open</source>
        <translation>Janela aberta</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Mostrar %1</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversas</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Nenhuma conversa ainda.</translation>
    </message>
    <message>
        <source>Nothing matches.</source>
        <translation>Nenhum resultado.</translation>
    </message>
</context>
<context>
    <name>CopyableField</name>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>Copiar %1</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copiar para a área de transferência</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sandbox emulator</source>
        <translation>Emulador de testes</translation>
    </message>
    <message>
        <source>Twilio</source>
        <translation>Twilio</translation>
    </message>
    <message>
        <source>Meta Cloud API</source>
        <translation>Cloud API da Meta</translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
    <message>
        <source>Starting the message service…</source>
        <translation>Iniciando o serviço de mensagens…</translation>
    </message>
    <message>
        <source>FlowChat cannot start until the problems below are fixed.</source>
        <translation>O FlowChat não pode iniciar até que os problemas abaixo sejam corrigidos.</translation>
    </message>
    <message>
        <source>The message service could not start: %1</source>
        <translation>Não foi possível iniciar o serviço de mensagens: %1</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>Caixa de saída: %n aguardando</numerusform>
            <numerusform>Caixa de saída: %n aguardando</numerusform>
        </translation>
    </message>
    <message>
        <source>Webhook URL</source>
        <translation>URL do webhook</translation>
    </message>
    <message>
        <source>not set (FLOWCHAT_PUBLIC_URL)</source>
        <translation>não definida (FLOWCHAT_PUBLIC_URL)</translation>
    </message>
    <message>
        <source>Webhook refused — diagnose</source>
        <translation>Webhook recusado — diagnosticar</translation>
    </message>
    <message>
        <source>A webhook was refused: %1</source>
        <translation>Um webhook foi recusado: %1</translation>
    </message>
    <message>
        <source>FlowChat (%1)</source>
        <translation>FlowChat (%1)</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Conversa anterior</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Próxima conversa</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Pesquisar conversas</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Limpar pesquisa</translation>
    </message>
    <message>
        <source>Sandbox mode: nothing reaches WhatsApp</source>
        <translation>Modo de testes: nada chega ao WhatsApp</translation>
    </message>
    <message>
        <source>Messages go to a built-in emulator. Set WHATSAPP_PROVIDER to twilio or direct to reach real customers.</source>
        <translation>As mensagens vão para um emulador embutido. Defina WHATSAPP_PROVIDER como twilio ou direct para falar com clientes reais.</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Configuração</translation>
    </message>
    <message>
        <source>not recognised (see the problems below)</source>
        <translation>não reconhecido (veja os problemas abaixo)</translation>
    </message>
    <message>
        <source>Sandbox (built-in emulator)</source>
        <translation>Testes (emulador embutido)</translation>
    </message>
    <message>
        <source>Meta WhatsApp Cloud API (direct)</source>
        <translation>WhatsApp Cloud API da Meta (direct)</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Provedor:</translation>
    </message>
    <message>
        <source>Message store:</source>
        <translation>Banco de mensagens:</translation>
    </message>
    <message>
        <source>Listening on:</source>
        <translation>Escutando em:</translation>
    </message>
    <message>
        <source>Webhook URL:</source>
        <translation>URL do webhook:</translation>
    </message>
    <message>
        <source>.env file:</source>
        <translation>Arquivo .env:</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>nenhum encontrado</translation>
    </message>
    <message>
        <source>Configuration problems</source>
        <translation>Problemas de configuração</translation>
    </message>
    <message>
        <source>No configuration problems.</source>
        <translation>Nenhum problema de configuração.</translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation>Problema em %1</translation>
    </message>
    <message>
        <source>Warning about %1</source>
        <translation>Aviso sobre %1</translation>
    </message>
    <message>
        <source>FlowChat works, but check the warnings above.</source>
        <translation>O FlowChat funciona, mas verifique os avisos acima.</translation>
    </message>
    <message>
        <source>Fix these in your .env file or environment, then start FlowChat again.</source>
        <translation>Corrija esses itens no seu arquivo .env ou no ambiente e inicie o FlowChat novamente.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>Seguir o &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>C&amp;laro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Escuro</translation>
    </message>
</context>
<context>
    <name>ProviderHealth</name>
    <message>
        <source>No provider is configured</source>
        <translation>Nenhum provedor configurado</translation>
    </message>
</context>
<context>
    <name>ProviderStatusLabel</name>
    <message>
        <source>checking…</source>
        <translation>verificando…</translation>
    </message>
    <message>
        <source>answering</source>
        <translation>respondendo</translation>
    </message>
    <message>
        <source>refuses our credentials</source>
        <translation>recusa nossas credenciais</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>sem resposta</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The provider answered the last check.</source>
        <translation>O provedor respondeu à última verificação.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Áudio</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Sticker</source>
        <translation>Figurinha</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>Contact card</source>
        <translation>Cartão de contato</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Reação</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>📷 Photo</source>
        <translation>📷 Foto</translation>
    </message>
    <message>
        <source>🎤 Audio</source>
        <translation>🎤 Áudio</translation>
    </message>
    <message>
        <source>🎬 Video</source>
        <translation>🎬 Vídeo</translation>
    </message>
    <message>
        <source>📄 Document</source>
        <translation>📄 Documento</translation>
    </message>
    <message>
        <source>📄 %1</source>
        <translation>📄 %1</translation>
    </message>
    <message>
        <source>📍 Location %1, %2</source>
        <translation>📍 Localização %1, %2</translation>
    </message>
    <message>
        <source>👤 Contact card</source>
        <translation>👤 Cartão de contato</translation>
    </message>
    <message>
        <source>Reacted %1</source>
        <translation>Reagiu com %1</translation>
    </message>
    <message>
        <source>A message FlowChat cannot show</source>
        <translation>Uma mensagem que o FlowChat não consegue exibir</translation>
    </message>
</context>
<context>
    <name>StatusTicks</name>
    <message>
        <source>Waiting to send</source>
        <translation>Aguardando envio</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Queued by the provider</source>
        <translation>Na fila do provedor</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lida</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Não entregue</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Resultado desconhecido</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recebida</translation>
    </message>
</context>
<context>
    <name>ThreadHeader</name>
    <message>
        <source>Contact name</source>
        <translation>Nome do contato</translation>
    </message>
    <message>
        <source>Contact number</source>
        <translation>Número do contato</translation>
    </message>
    <message>
        <source>24-hour window</source>
        <translation>Janela de 24 horas</translation>
    </message>
    <message>
        <source>Window closed — templates only</source>
        <translation>Janela fechada — apenas modelos</translation>
    </message>
    <message numerus="yes">
        <source>Window open — %n h left</source>
        <translation>
            <numerusform>Janela aberta — falta %n h</numerusform>
            <numerusform>Janela aberta — faltam %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Window open — %n min left</source>
        <translation>
            <numerusform>Janela aberta — falta %n min</numerusform>
            <numerusform>Janela aberta — faltam %n min</numerusform>
        </translation>
    </message>
    <message>
        <source>No conversation selected</source>
        <translation>Nenhuma conversa selecionada</translation>
    </message>
</context>
<context>
    <name>ThreadModel</name>
    <message>
        <source>Received: %1</source>
        <translation>Recebida: %1</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Enviada: %1</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Resultado desconhecido</translation>
    </message>
    <message>
        <source>The request may have reached WhatsApp. Resend it or dismiss it.</source>
        <translation>A solicitação pode ter chegado ao WhatsApp. Reenvie ou descarte.</translation>
    </message>
</context>
<context>
    <name>ThreadView</name>
    <message>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Voice message</source>
        <translation>Mensagem de voz</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Vídeo</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Documento</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Localização</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nova mensagem</translation>
    </message>
    <message>
        <source>Show FlowChat</source>
        <translation>Mostrar o FlowChat</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message numerus="yes">
        <source>FlowChat: %n unread message(s)</source>
        <translation>
            <numerusform>FlowChat: %n mensagem não lida</numerusform>
            <numerusform>FlowChat: %n mensagens não lidas</numerusform>
        </translation>
    </message>
    <message>
        <source>FlowChat</source>
        <translation>FlowChat</translation>
    </message>
</context>
</TS>
