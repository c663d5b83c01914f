using SimpleApp;

var app = SimpleApplication.Build(args);
app.Run();
