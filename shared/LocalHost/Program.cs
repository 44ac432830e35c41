using Orbit.LocalHost.Hosting;

return await LocalHostCommand.RunAsync(args);
